package io.connectusm.endpoint.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * The apply policy of connector events, as pure functions of what is stored and what arrived, so it is tested
 * without a database ({@link ConnectorRows} carries out the {@link Outcome}s):
 * <ul>
 *   <li><b>ordering</b>: an event applies only when its {@link EventStamp} is newer than the row's; duplicates
 *       and late arrivals are no-ops, so any arrival order converges on the newest state;</li>
 *   <li><b>change kinds</b>: a snapshot equal to the stored state (fingerprint and config, state, worker, trace,
 *       tasks) only moves the row's stamp; otherwise one history entry says what changed, config first, then
 *       state, then tasks, with the key-by-key diff of the masked configs when the config changed;</li>
 *   <li><b>tombstones</b>: a deletion marks the row deleted rather than removing it (and a deletion of a connector
 *       never seen leaves one), so an older snapshot arriving later cannot resurrect the connector; a newer
 *       snapshot does (as CREATED). A newer inventory deletes the live connectors it no longer lists.</li>
 * </ul>
 * Stateless.
 */
final class SnapshotApplier {

    private SnapshotApplier() {
    }

    /** What applying one event does to the stored rows. */
    sealed interface Outcome permits Ignore, MoveStamp, Write, Tombstone, Delete {

        /** Whether it changes what readers see (a batch counts these as applied, the rest as ignored). */
        boolean applied();
    }

    /** Stale or a duplicate: nothing to write. */
    record Ignore() implements Outcome {
        @Override
        public boolean applied() {
            return false;
        }
    }

    /** The same state again, newer: only the row's stamp moves, so an older event cannot win later. */
    record MoveStamp(String name, EventStamp stamp) implements Outcome {
        @Override
        public boolean applied() {
            return false;
        }
    }

    /** A new or changed connector: write its row (insert when there was none) and one history entry. */
    record Write(StoredConnector connector, EventStamp stamp, boolean rowExists, Change change) implements Outcome {
        @Override
        public boolean applied() {
            return true;
        }
    }

    /** A deletion of a connector not live here: leave (or move) a tombstone, no history. */
    record Tombstone(String name, EventStamp stamp, boolean rowExists) implements Outcome {
        @Override
        public boolean applied() {
            return false;
        }
    }

    /** A live connector deleted: mark its row deleted and record the deletion. */
    record Delete(String name, EventStamp stamp, Change change) implements Outcome {
        @Override
        public boolean applied() {
            return true;
        }
    }

    /**
     * The history entry an outcome writes; its time is the event's. {@code taskStates} is the connector's tasks'
     * states after the change, {@link TaskStates#encode encoded} (none after a deletion).
     */
    record Change(HistoryKind kind, String state, String configFingerprint, List<ConfigDiff.Change> diff,
                  String taskStates, ChangeActor actor) {
        Change {
            diff = List.copyOf(diff);
        }

        /** A change no REST call is known to have caused. */
        Change(HistoryKind kind, String state, String configFingerprint, List<ConfigDiff.Change> diff,
               String taskStates) {
            this(kind, state, configFingerprint, diff, taskStates, null);
        }
    }

    /** A snapshot, against the stored row of its connector ({@code null} when none). */
    static Outcome snapshot(ConnectorRow stored, MetadataEvent event, ConnectorSnapshot s) {
        EventStamp stamp = EventStamp.of(event);
        if (stored != null && !stamp.isNewerThan(stored.stamp())) {
            return new Ignore();
        }
        StoredConnector next = new StoredConnector(s.name(), s.connectorClass(), s.connectorType().name(),
                s.state().name(), s.workerId(), s.trace(), sortedTasks(s.tasks()), new TreeMap<>(s.config()),
                new TreeSet<>(s.maskedKeys()), s.configFingerprint(), event.time(), s.maskReasons(),
                s.traceMode() == null ? null : s.traceMode().name());
        if (stored == null || stored.deleted()) {
            return new Write(next, stamp, stored != null, new Change(HistoryKind.CREATED, next.state(),
                    next.configFingerprint(), ConfigDiff.between(Map.of(), next.config()),
                    TaskStates.encode(next.tasks()), s.actor()));
        }
        StoredConnector before = stored.connector();
        ChangeCause cause = causeOf(before, next);
        if (cause == ChangeCause.RESYNC) {
            return new MoveStamp(s.name(), stamp);
        }
        List<ConfigDiff.Change> diff = cause == ChangeCause.CONFIG_UPDATED
                ? ConfigDiff.between(before.config(), next.config()) : List.of();
        return new Write(next, stamp, true, new Change(HistoryKind.of(cause), next.state(), next.configFingerprint(),
                diff, TaskStates.encode(next.tasks()), s.actor()));
    }

    /** A deletion of connector {@code name}, against its stored row ({@code null} when none). */
    static Outcome deleted(ConnectorRow stored, MetadataEvent event, String name) {
        EventStamp stamp = EventStamp.of(event);
        if (stored == null) {
            return new Tombstone(name, stamp, false);
        }
        if (!stamp.isNewerThan(stored.stamp())) {
            return new Ignore();
        }
        return stored.deleted() ? new Tombstone(name, stamp, true) : deletion(stored, stamp);
    }

    /** A cluster's inventory, against its live rows: the connectors it no longer lists were deleted. */
    static List<Outcome> inventory(List<ConnectorRow> live, MetadataEvent event, ClusterInventory inventory) {
        EventStamp stamp = EventStamp.of(event);
        List<Outcome> out = new ArrayList<>();
        for (ConnectorRow row : live) {
            if (!inventory.connectors().containsKey(row.name()) && stamp.isNewerThan(row.stamp())) {
                out.add(deletion(row, stamp));
            }
        }
        return out;
    }

    private static Delete deletion(ConnectorRow row, EventStamp stamp) {
        return new Delete(row.name(), stamp, new Change(HistoryKind.DELETED, null, null,
                ConfigDiff.between(row.connector().config(), Map.of()), ""));
    }

    /** What differs, in the order the history reports it: config, then the connector's state, then its tasks. */
    private static ChangeCause causeOf(StoredConnector before, StoredConnector next) {
        if (!next.configFingerprint().equals(before.configFingerprint()) || !next.config().equals(before.config())) {
            return ChangeCause.CONFIG_UPDATED;
        }
        if (!next.state().equals(before.state()) || !Objects.equals(next.workerId(), before.workerId())
                || !Objects.equals(next.trace(), before.trace())) {
            return ChangeCause.STATE_CHANGED;
        }
        if (!next.tasks().equals(sortedTasks(before.tasks()))) {
            return ChangeCause.TASKS_CHANGED;
        }
        return ChangeCause.RESYNC;
    }

    private static List<TaskSnapshot> sortedTasks(List<TaskSnapshot> tasks) {
        return tasks.stream().sorted(Comparator.comparingInt(TaskSnapshot::id)).toList();
    }
}
