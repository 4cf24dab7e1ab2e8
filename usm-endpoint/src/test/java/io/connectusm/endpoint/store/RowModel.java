package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.LateChange;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Outcome;
import io.connectusm.endpoint.store.SnapshotApplier.Tombstone;
import io.connectusm.endpoint.store.SnapshotApplier.Write;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;

/**
 * One connector's row in memory: applies events through the {@link SnapshotApplier} and carries out each outcome
 * as {@link ConnectorRows} would (the disagreement read back from the merge state, as a load does), recording the
 * history entries written. Not thread-safe.
 */
final class RowModel {

    private ConnectorRow row;
    /** The history as {@link HistoryRows} orders it: by time, then as written; each entry with its change. */
    private final List<Timed> history = new ArrayList<>();

    private record Timed(HistoryEntry entry, SnapshotApplier.Change change) {
    }

    /** Applies one event (a snapshot or a deletion) and returns what it did. */
    Outcome apply(MetadataEvent e) {
        Outcome o = e.payload() instanceof ConnectorSnapshot s ? SnapshotApplier.snapshot(row, e, s)
                : SnapshotApplier.deleted(row, e, ((ConnectorDeleted) e.payload()).name());
        if (o instanceof Write w) {
            row = new ConnectorRow(w.connector().withDisagreement(w.merge().disagreement()), false, w.stamp(),
                    w.merge());
            record(w.stamp().time(), w.change());
        } else if (o instanceof MoveStamp m) {
            row = new ConnectorRow(row.connector().withDisagreement(m.merge().disagreement()), row.deleted(),
                    m.stamp(), m.merge());
        } else if (o instanceof Tombstone t) {
            row = new ConnectorRow(row == null ? new StoredConnector(t.name(), null, null, null, null, null,
                    List.of(), new TreeMap<>(), new TreeSet<>(), null, t.stamp().time()) : row.connector(), true,
                    t.stamp(), t.merge());
            if (t.change() != null) {
                record(t.stamp().time(), t.change());
            }
        } else if (o instanceof Delete d) {
            row = new ConnectorRow(row.connector().withDisagreement(null), true, d.stamp(), d.merge());
            record(d.stamp().time(), d.change());
        } else if (o instanceof LateChange l) {
            List<HistoryEntry> entries = entries();
            HistoryEntry previous = entries.stream().filter(h -> !h.time().isAfter(l.time()))
                    .reduce((x, y) -> y).orElse(null);
            HistoryEntry next = entries.stream().filter(h -> h.time().isAfter(l.time())).findFirst().orElse(null);
            if (SnapshotApplier.belongsBetween(previous, next, l.time(), l.change())) {
                record(l.time(), l.change());
                if (next == null && l.current() != null) {
                    record(l.currentTime(), l.current());
                }
            }
        }
        return o;
    }

    private void record(Instant time, SnapshotApplier.Change c) {
        history.add(new Timed(new HistoryEntry(history.size() + 1, time, c.kind(), c.state(), c.configFingerprint(),
                c.diff(), TaskStates.decode(c.taskStates()), c.actor()), c));
        history.sort(Comparator.comparing((Timed t) -> t.entry().time())
                .thenComparingLong(t -> t.entry().sequence()));
    }

    /** The row as it stands, {@code null} before any event. */
    ConnectorRow row() {
        return row;
    }

    /** Whether a live connector is stored. */
    boolean live() {
        return row != null && !row.deleted();
    }

    /** The history entries written, oldest first, as changes. */
    List<SnapshotApplier.Change> history() {
        return history.stream().map(Timed::change).toList();
    }

    /** The history entries written, oldest first (by time, then as written). */
    List<HistoryEntry> entries() {
        return history.stream().map(Timed::entry).toList();
    }
}
