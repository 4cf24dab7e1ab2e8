package io.connectusm.endpoint.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * Which {@link Transition}s an applied {@link SnapshotApplier.Outcome} makes, compared with the row it replaced: a
 * pure function, so it is tested without a database. Only outcomes that change what readers see make transitions;
 * a duplicate or stale event makes none, which is why a transition is queued once however often its event arrives.
 * Stateless.
 */
final class Transitions {

    private Transitions() {
    }

    static List<Transition> of(String cc, ConnectorRow before, SnapshotApplier.Outcome outcome) {
        List<Transition> out = new ArrayList<>();
        if (outcome instanceof SnapshotApplier.Delete delete) {
            out.add(new Transition(TransitionKind.CONNECTOR_DELETED, cc, delete.name(), null, null,
                    delete.stamp().time()));
        } else if (outcome instanceof SnapshotApplier.Write write) {
            StoredConnector previous = before == null || before.deleted() ? null : before.connector();
            StoredConnector next = write.connector();
            String name = next.name();
            java.time.Instant time = write.stamp().time();
            if (previous != null && write.change().kind() == HistoryKind.CONFIG_UPDATED) {
                out.add(new Transition(TransitionKind.CONFIG_CHANGED, cc, name, null, next.state(), time));
            }
            boolean wasFailed = previous != null && failed(previous.state());
            if (failed(next.state()) && !wasFailed) {
                out.add(new Transition(TransitionKind.CONNECTOR_FAILED, cc, name, null, next.state(), time));
            }
            Map<Integer, ConnectorState> tasksBefore = new HashMap<>();
            if (previous != null) {
                previous.tasks().forEach(t -> tasksBefore.put(t.id(), t.state()));
            }
            for (TaskSnapshot task : next.tasks()) {
                if (task.state() == ConnectorState.FAILED && tasksBefore.get(task.id()) != ConnectorState.FAILED) {
                    out.add(new Transition(TransitionKind.TASK_FAILED, cc, name, task.id(), task.state().name(),
                            time));
                }
            }
            if (previous != null && failing(previous) && !failing(next)) {
                out.add(new Transition(TransitionKind.CONNECTOR_RECOVERED, cc, name, null, next.state(), time));
            }
        }
        return out;
    }

    private static boolean failed(String state) {
        return ConnectorState.FAILED.name().equals(state);
    }

    /** The connector or any of its tasks FAILED. */
    private static boolean failing(StoredConnector c) {
        return failed(c.state()) || c.tasks().stream().anyMatch(t -> t.state() == ConnectorState.FAILED);
    }
}
