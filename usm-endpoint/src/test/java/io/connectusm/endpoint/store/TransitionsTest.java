package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.EPOCH;
import static io.connectusm.endpoint.TestEvents.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

class TransitionsTest {

    private static final ClusterRef REF = new ClusterRef("kafka-t", "connect-t");
    private static final ConnectorState[] STATES = {ConnectorState.RUNNING, ConnectorState.FAILED,
        ConnectorState.PAUSED, ConnectorState.UNASSIGNED};

    /** A failure that arrives after a newer report goes into the history only: no webhook about a past state. */
    @Test
    void aLateFailureMakesNoTransition() {
        Sim sim = new Sim();
        sim.apply(event(1, ConnectorState.RUNNING, "x", ConnectorState.RUNNING));
        sim.apply(event(3, ConnectorState.RUNNING, "x", ConnectorState.RUNNING));

        assertThat(SnapshotApplier.snapshot(sim.row, event(2, ConnectorState.FAILED, "x", ConnectorState.FAILED),
                (ConnectorSnapshot) event(2, ConnectorState.FAILED, "x", ConnectorState.FAILED).payload()))
                .isInstanceOf(SnapshotApplier.LateChange.class);
        sim.apply(event(2, ConnectorState.FAILED, "x", ConnectorState.FAILED));

        assertThat(sim.kinds()).isEmpty();
    }

    @Test
    void aConnectorFailingAndRecoveringMakesOneTransitionEach() {
        Sim sim = new Sim();
        sim.apply(event(1, ConnectorState.RUNNING, "x", ConnectorState.RUNNING));
        sim.apply(event(2, ConnectorState.FAILED, "x", ConnectorState.FAILED));
        sim.apply(event(3, ConnectorState.RUNNING, "x", ConnectorState.RUNNING));
        assertThat(sim.kinds()).containsExactly(TransitionKind.CONNECTOR_FAILED, TransitionKind.TASK_FAILED,
                TransitionKind.CONNECTOR_RECOVERED);
    }

    @Test
    void aConfigChangeAndADeletionAreTransitionsButACreationIsNot() {
        Sim sim = new Sim();
        sim.apply(event(1, ConnectorState.RUNNING, "x", ConnectorState.RUNNING));
        sim.apply(event(2, ConnectorState.RUNNING, "y", ConnectorState.RUNNING));
        SnapshotApplier.Outcome delete = SnapshotApplier.deleted(sim.row, meta(3, new ConnectorDeleted("c")), "c");
        assertThat(Transitions.of("usmcc-1", sim.row, delete)).extracting(Transition::kind)
                .containsExactly(TransitionKind.CONNECTOR_DELETED);
        assertThat(sim.kinds()).containsExactly(TransitionKind.CONFIG_CHANGED);
    }

    @Test
    void aConnectorFirstSeenFailedIsAFailure() {
        Sim sim = new Sim();
        sim.apply(event(1, ConnectorState.FAILED, "x", ConnectorState.RUNNING));
        assertThat(sim.kinds()).containsExactly(TransitionKind.CONNECTOR_FAILED);
    }

    /**
     * Generated histories, each event delivered up to three times and older events arriving late: the transitions
     * are exactly the entries into (and exits from) failure of the history newest-wins keeps, whatever duplicates and
     * reorderings arrive. Seeds printed by the assertion's description.
     */
    @Test
    void duplicatesAndLateEventsNeverMakeATransitionTwice() {
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<MetadataEvent> history = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                history.add(event(i, STATES[random.nextInt(STATES.length)], "x",
                        STATES[random.nextInt(STATES.length)]));
            }
            List<MetadataEvent> arrivals = new ArrayList<>();
            for (MetadataEvent e : history) {
                int copies = 1 + random.nextInt(3);
                for (int c = 0; c < copies; c++) {
                    arrivals.add(random.nextInt(4) == 0 && !arrivals.isEmpty()
                            ? arrivals.get(random.nextInt(arrivals.size())) : e);
                }
                arrivals.add(e);
            }
            Sim sim = new Sim();
            arrivals.forEach(sim::apply);
            // The oracle: the states newest-wins kept, in order, each counted where failure starts or ends.
            List<TransitionKind> expected = new ArrayList<>();
            ConnectorSnapshot before = null;
            Instant newest = Instant.MIN;
            for (MetadataEvent e : arrivals) {
                if (!e.time().isAfter(newest)) {
                    continue;
                }
                newest = e.time();
                ConnectorSnapshot s = (ConnectorSnapshot) e.payload();
                if (before != s && !sameState(before, s)) {
                    boolean wasFailed = before != null && before.state() == ConnectorState.FAILED;
                    boolean taskWasFailed = before != null && before.tasks().get(0).state() == ConnectorState.FAILED;
                    if (s.state() == ConnectorState.FAILED && !wasFailed) {
                        expected.add(TransitionKind.CONNECTOR_FAILED);
                    }
                    if (s.tasks().get(0).state() == ConnectorState.FAILED && !taskWasFailed) {
                        expected.add(TransitionKind.TASK_FAILED);
                    }
                    if ((wasFailed || taskWasFailed) && s.state() != ConnectorState.FAILED
                            && s.tasks().get(0).state() != ConnectorState.FAILED) {
                        expected.add(TransitionKind.CONNECTOR_RECOVERED);
                    }
                    before = s;
                }
            }
            assertThat(sim.kinds()).as("seed %d", seed).isEqualTo(expected);
        }
    }

    private static boolean sameState(ConnectorSnapshot a, ConnectorSnapshot b) {
        return a != null && a.state() == b.state() && a.tasks().get(0).state() == b.tasks().get(0).state()
                && a.trace() == null == (b.trace() == null);
    }

    /** Applies outcomes to one row as the store would, collecting the transitions. */
    private static final class Sim {
        ConnectorRow row;
        final List<Transition> transitions = new ArrayList<>();

        void apply(MetadataEvent event) {
            SnapshotApplier.Outcome outcome = SnapshotApplier.snapshot(row, event, (ConnectorSnapshot) event.payload());
            transitions.addAll(Transitions.of("usmcc-1", row, outcome));
            if (outcome instanceof SnapshotApplier.Write w) {
                row = new ConnectorRow(w.connector(), false, w.stamp());
            } else if (outcome instanceof SnapshotApplier.MoveStamp m) {
                row = new ConnectorRow(row.connector(), row.deleted(), m.stamp());
            }
        }

        List<TransitionKind> kinds() {
            return transitions.stream().map(Transition::kind).toList();
        }
    }

    private static MetadataEvent meta(int i, io.connectusm.events.EventPayload payload) {
        return new MetadataEvent(UUID.randomUUID().toString(), REF, WORKER, EPOCH, i, EPOCH.plusSeconds(i), "c",
                payload);
    }

    private static MetadataEvent event(int i, ConnectorState state, String configValue, ConnectorState task) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topic", configValue));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name("c")
                .connectorClass("org.example.Sink")
                .connectorType(ConnectorType.SINK)
                .state(state)
                .workerId(WORKER)
                .trace(state == ConnectorState.FAILED ? "boom" : null)
                .tasks(List.of(new TaskSnapshot(0, task, WORKER, task == ConnectorState.FAILED ? "boom" : null)))
                .config(config)
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.STATE_CHANGED)
                .build();
        return meta(i, s);
    }
}
