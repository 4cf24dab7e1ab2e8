package io.connectusm.endpoint.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 *   <li><b>ordering</b>: a snapshot applies only when its {@link EventStamp} is newer than the row's; duplicates
 *       and late arrivals are no-ops;</li>
 *   <li><b>authority</b>: within a newer snapshot, each fact (a task's state, the connector's own state) is taken
 *       from the worker authoritative for it, as {@link FactAuthority} decides: a stale worker's resync does not
 *       overwrite what the worker running a task reported, and a persistent disagreement is recorded instead of
 *       flipping the state (and writing false history entries);</li>
 *   <li><b>change kinds</b>: a merged state equal to the stored one only moves the row's stamp; otherwise one
 *       history entry says what changed, config first, then state, then tasks, with the key-by-key diff of the
 *       masked configs when the config changed;</li>
 *   <li><b>tombstones</b>: a deletion marks the row deleted rather than removing it (and a deletion of a connector
 *       never seen leaves one, with a {@code DELETED} history entry: it existed). A deletion applies when it is newer than the row's stamp, or, coming from another
 *       worker than the row's last event, newer than the connector's last real change (a stale worker's report of
 *       the unchanged connector does not shield it). A later snapshot revives a deleted connector only when it is
 *       causally after the deletion: a config fingerprint the deleted connector never had, a report from a worker
 *       that reported the deletion (so saw it, and sees the connector again), or a {@code CREATED} cause sent
 *       {@link #REVIVE_SETTLE} after the deletion. A stale worker that still
 *       lists the deleted connector does not bring it back. A newer inventory deletes the live connectors it no
 *       longer lists;</li>
 *   <li><b>late changes</b>: a report of a change of the connector's own state ({@code STATE_CHANGED}: a REST call
 *       set it, or its worker saw it happen) that arrives after a newer event of the connector (another worker's
 *       report, or a deletion it precedes) does not change the stored state, but it is a state Connect held: it
 *       goes into the history at its own time ({@link LateChange}), unless the history around that time already
 *       says it ({@link #belongsBetween}). No transition (webhook) follows from it.</li>
 * </ul>
 * Stateless.
 *
 * <p>Over 300 lines for a reason: it is the merge policy, one decision table (ordering, authority, tombstones, late
 * changes) that must stay consistent as a whole, pure and unit-tested without a database.
 */
final class SnapshotApplier {

    /**
     * How long after a deletion a {@code CREATED} report with a config the deleted connector had, from a worker that
     * did not report the deletion, is taken for a lagging worker rather than a re-creation: the worker extension
     * ignores its own herder's lag after a REST delete for as long.
     */
    static final Duration REVIVE_SETTLE = Duration.ofSeconds(60);

    private SnapshotApplier() {
    }

    /** What applying one event does to the stored rows. */
    sealed interface Outcome permits Ignore, MoveStamp, Write, Tombstone, Delete, LateChange {

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

    /**
     * The same state again, newer: only the row's stamp and merge state move (who reported what, who disagrees), so
     * an older event cannot win later.
     */
    record MoveStamp(String name, EventStamp stamp, MergeState merge) implements Outcome {
        @Override
        public boolean applied() {
            return false;
        }
    }

    /** A new or changed connector: write its row (insert when there was none) and one history entry. */
    record Write(StoredConnector connector, EventStamp stamp, boolean rowExists, Change change, MergeState merge)
            implements Outcome {
        @Override
        public boolean applied() {
            return true;
        }
    }

    /**
     * A deletion of a connector not live here: leave (or move) a tombstone. {@code change} is the history entry
     * of a connector never reported live ({@code null}: a tombstone again, no history): a worker reports a deletion
     * only of a connector Connect had, so the audit trail records that it existed, even when it was deleted before
     * any worker observed it (created and deleted at once) or its snapshots arrive after the deletion.
     */
    record Tombstone(String name, EventStamp stamp, boolean rowExists, MergeState merge, Change change)
            implements Outcome {
        @Override
        public boolean applied() {
            return change != null;
        }
    }

    /** A live connector deleted: mark its row deleted and record the deletion. */
    record Delete(String name, EventStamp stamp, Change change, MergeState merge) implements Outcome {
        @Override
        public boolean applied() {
            return true;
        }
    }

    /**
     * A state change older than what is stored (see the class comment): no row moves; one history entry at the
     * event's {@code time} when {@link #belongsBetween} the entries around it. When no entry follows it, also
     * {@code current} (of a live row whose state differs, else {@code null}) at {@code currentTime}, the row's stamp:
     * the stored state, reached after the late one, which the history may lack (an event that brought the state
     * back to what was stored before the late one arrived changed nothing then). Counted as ignored: what readers see of
     * the connector's current state does not change.
     */
    record LateChange(String name, Instant time, Change change, Instant currentTime, Change current)
            implements Outcome {
        @Override
        public boolean applied() {
            return false;
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
            return late(stored, stamp, s);
        }
        String reporter = event.workerId();
        if (stored == null || stored.deleted()) {
            if (stored != null && !revives(stored, event, s)) {
                // The tombstone takes the stale report's stamp: an older report arriving after it is older still.
                return new MoveStamp(s.name(), stamp, stored.merge());
            }
            MergeState born = new MergeState(null, Map.of(), Map.of(),
                    MergeState.with(List.of(), s.configFingerprint(), true), stamp, reporter, Set.of());
            FactAuthority.Merged m = FactAuthority.merge(null, born, reporter, event.time(), s, true);
            StoredConnector next = stored(s, m, event.time());
            return new Write(next, stamp, stored != null, new Change(HistoryKind.CREATED, next.state(),
                    next.configFingerprint(), ConfigDiff.between(Map.of(), next.config()),
                    TaskStates.encode(next.tasks()), s.actor()), m.merge());
        }
        StoredConnector before = stored.connector();
        boolean configChanged = !s.configFingerprint().equals(before.configFingerprint())
                || !s.config().equals(before.config());
        FactAuthority.Merged m = FactAuthority.merge(before, stored.merge(), reporter, event.time(), s, configChanged);
        StoredConnector next = stored(s, m, event.time());
        ChangeCause cause = causeOf(before, next);
        // A CREATED report is causally after whatever its worker saw before: a deletion older than it is too old.
        EventStamp causal = cause != ChangeCause.RESYNC || s.cause() == ChangeCause.CREATED ? stamp
                : stored.merge().causal();
        MergeState merge = new MergeState(m.merge().connector(), m.merge().tasks(), m.merge().dissent(),
                MergeState.with(stored.merge().fingerprints(), s.configFingerprint(), false), causal, reporter,
                Set.of());
        if (cause == ChangeCause.RESYNC) {
            return new MoveStamp(s.name(), stamp, merge);
        }
        List<ConfigDiff.Change> diff = cause == ChangeCause.CONFIG_UPDATED
                ? ConfigDiff.between(before.config(), next.config()) : List.of();
        return new Write(next, stamp, true, new Change(HistoryKind.of(cause), next.state(), next.configFingerprint(),
                diff, TaskStates.encode(next.tasks()), s.actor()), merge);
    }

    /**
     * A snapshot not newer than its row: a {@link LateChange} when it reports a change of the connector's own state
     * made while the connector was live (for a tombstone: before the deletion), else nothing.
     */
    private static Outcome late(ConnectorRow stored, EventStamp stamp, ConnectorSnapshot s) {
        if (s.cause() != ChangeCause.STATE_CHANGED || stored.deleted() && !beforeDeletion(stored, stamp)) {
            return new Ignore();
        }
        StoredConnector now = stored.deleted() || stored.connector().state().equals(s.state().name()) ? null
                : stored.connector();
        return new LateChange(s.name(), stamp.time(), new Change(HistoryKind.STATE_CHANGED, s.state().name(),
                s.configFingerprint(), List.of(), TaskStates.encode(sortedTasks(s.tasks())), s.actor()),
                stored.stamp().time(), now == null ? null : new Change(HistoryKind.STATE_CHANGED, now.state(),
                        now.configFingerprint(), List.of(), TaskStates.encode(sortedTasks(now.tasks()))));
    }

    /**
     * Whether {@code stamp} is older than the deletion that made {@code tombstone}: its causal stamp (a stale report
     * newer than the deletion only moved the row's stamp), or for a tombstone written before that was kept, its last
     * change.
     */
    private static boolean beforeDeletion(ConnectorRow tombstone, EventStamp stamp) {
        EventStamp deletion = tombstone.merge().causal();
        return deletion != null ? deletion.isNewerThan(stamp)
                : stamp.time().isBefore(tombstone.connector().lastChange());
    }

    /**
     * Whether a late change at {@code time} belongs in the history between {@code previous}, the newest entry not
     * after it, and {@code next}, the oldest after it (either {@code null}: none): only inside a time the history
     * shows the connector live (after an entry that is not its deletion), not when {@code previous} is that very
     * report (delivered again), and not when both neighbours say its state already. A state equal to only one
     * neighbour is kept, although the history then says it twice in a row: another late report may yet arrive on
     * the other side (a pause between a create and a resume that reached the endpoint first), and the history must
     * then still say what followed it, whatever order the reports arrived in ({@code LateChangesPropertiesTest}).
     */
    static boolean belongsBetween(HistoryEntry previous, HistoryEntry next, Instant time, Change change) {
        if (previous == null || previous.kind() == HistoryKind.DELETED || sameChange(next, time, change)) {
            return false;
        }
        boolean asPrevious = change.state().equals(previous.state());
        if (asPrevious && previous.time().equals(time)) {
            return false;
        }
        return !asPrevious || next == null || !change.state().equals(next.state());
    }

    /**
     * Whether {@code next}, the entry just after a late report, is another worker's report of the same change: the
     * same state of the same config version within {@link ActorEnrichment#SAME_CALL_WINDOW}, both attributed to the
     * same call (principal and request). Two reports of one forwarded REST call (the leader's, the called
     * worker's) are one entry; {@link ActorEnrichment} then gives it the fuller actor.
     */
    private static boolean sameChange(HistoryEntry next, Instant time, Change change) {
        if (next == null || next.kind() == HistoryKind.DELETED || !change.state().equals(next.state())
                || !Objects.equals(change.configFingerprint(), next.configFingerprint())
                || next.time().isAfter(time.plus(ActorEnrichment.SAME_CALL_WINDOW))) {
            return false;
        }
        ChangeActor a = change.actor();
        ChangeActor b = next.actor();
        // Without both actors two equal states may be two changes (paused, resumed, paused again): both stay.
        return a != null && b != null && a.principal() != null && a.principal().equals(b.principal())
                && a.request() != null && a.request().equals(b.request());
    }

    /** Whether a snapshot newer than a tombstone is a new connector rather than a stale view of the deleted one. */
    private static boolean revives(ConnectorRow tombstone, MetadataEvent event, ConnectorSnapshot s) {
        MergeState m = tombstone.merge();
        if (!m.fingerprints().contains(s.configFingerprint())) {
            return true; // a config the deleted connector never had (every snapshot, for tombstones of old rows)
        }
        // A worker that reported the deletion and reports the connector again saw it come back: causally after.
        return m.deletedBy().contains(event.workerId()) || s.cause() == ChangeCause.CREATED
                && !event.time().isBefore(tombstone.stamp().time().plus(REVIVE_SETTLE));
    }

    /** The stored form of a snapshot whose task and connector states are the merged ones. */
    private static StoredConnector stored(ConnectorSnapshot s, FactAuthority.Merged m, Instant time) {
        return new StoredConnector(s.name(), s.connectorClass(), s.connectorType().name(), m.state(), m.workerId(),
                m.trace(), sortedTasks(m.tasks()), new TreeMap<>(s.config()), new TreeSet<>(s.maskedKeys()),
                s.configFingerprint(), time, s.maskReasons(), s.traceMode() == null ? null : s.traceMode().name(),
                m.merge().disagreement());
    }

    /** A deletion of connector {@code name} no REST call is known to have caused. */
    static Outcome deleted(ConnectorRow stored, MetadataEvent event, String name) {
        return deleted(stored, event, name, null);
    }

    /**
     * A deletion of connector {@code name}, against its stored row ({@code null} when none); {@code actor}: who
     * deleted it over REST, or {@code null}, kept in the {@code DELETED} history entry.
     */
    static Outcome deleted(ConnectorRow stored, MetadataEvent event, String name, ChangeActor actor) {
        EventStamp stamp = EventStamp.of(event);
        String deleter = event.workerId();
        if (stored == null) {
            return new Tombstone(name, stamp, false, MergeState.NONE.tombstone(deleter, stamp, false),
                    new Change(HistoryKind.DELETED, null, null, List.of(), "", actor));
        }
        boolean newer = stamp.isNewerThan(stored.stamp());
        if (stored.deleted()) {
            return newer ? new Tombstone(name, stamp, true, stored.merge().tombstone(deleter, stamp, true), null)
                    : new Ignore();
        }
        MergeState m = stored.merge();
        boolean afterLastChange = m.causal() != null && stamp.isNewerThan(m.causal()) && m.stampedBy() != null
                && !m.stampedBy().equals(deleter);
        if (!newer && !afterLastChange) {
            return new Ignore();
        }
        // The tombstone keeps the newer stamp: what stamped the row is older than the deletion's causal effect.
        return deletion(stored, newer ? stamp : stored.stamp(), deleter, actor);
    }

    /** A cluster's inventory, against its live rows: the connectors it no longer lists were deleted. */
    static List<Outcome> inventory(List<ConnectorRow> live, MetadataEvent event, ClusterInventory inventory) {
        EventStamp stamp = EventStamp.of(event);
        List<Outcome> out = new ArrayList<>();
        for (ConnectorRow row : live) {
            if (!inventory.connectors().containsKey(row.name()) && stamp.isNewerThan(row.stamp())) {
                out.add(deletion(row, stamp, event.workerId(), null));
            }
        }
        return out;
    }

    private static Delete deletion(ConnectorRow row, EventStamp stamp, String deleter, ChangeActor actor) {
        return new Delete(row.name(), stamp, new Change(HistoryKind.DELETED, null, null,
                ConfigDiff.between(row.connector().config(), Map.of()), "", actor),
                row.merge().tombstone(deleter, stamp, false));
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
