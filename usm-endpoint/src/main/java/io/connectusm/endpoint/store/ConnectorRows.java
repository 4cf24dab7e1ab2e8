package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.Ignore;
import io.connectusm.endpoint.store.SnapshotApplier.LateChange;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Outcome;
import io.connectusm.endpoint.store.SnapshotApplier.Tombstone;
import io.connectusm.endpoint.store.SnapshotApplier.Write;

/**
 * The {@code connectors} table: one row per (registered Connect cluster, connector), live or a tombstone, with
 * the stamp of the last event applied. Reads rows for the {@link SnapshotApplier} and carries out its
 * {@link Outcome}s; decides nothing.
 *
 * <p>Every write is conditional on the row being still what the decision was made on: an update only where the
 * row still has the stamp that was read ({@code … AND event_time = ? AND event_epoch = ? AND event_sequence = ?}),
 * an insert only where no row exists. So when two replicas apply events of the same connector at once, one write
 * wins and the other changes nothing and says so ({@link #save} returns {@code false}); its caller reads the row
 * again and decides again. No update is lost and every history entry describes the change from the state it
 * replaced. Stateless; every method runs on the caller's connection and transaction.
 */
final class ConnectorRows {

    private static final String COLUMNS = "name, deleted, connector_class, connector_type, state, worker_id, "
            + "trace, tasks_json, config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, "
            + "event_sequence, last_change, mask_reasons_json, trace_mode, merge_json";
    private static final String KEY = "connect_cluster_id = ? AND name = ?";
    private static final String STAMP_UNCHANGED = " AND event_time = ? AND event_epoch = ? AND event_sequence = ?";

    private ConnectorRows() {
    }

    /** The row of one connector, or {@code null} when the cluster never reported it. */
    static ConnectorRow load(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connectors WHERE " + KEY)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** The live (not deleted) rows of a cluster, by name. */
    static List<ConnectorRow> live(Connection c, String cc) throws SQLException {
        List<ConnectorRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM connectors WHERE connect_cluster_id = ? AND deleted = FALSE ORDER BY name")) {
            ps.setString(1, cc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    /**
     * Carries out {@code outcome} for cluster {@code cc}, history included, provided the connector's row is still
     * {@code basis} (by its stamp; {@code null}: still no row). Returns {@code false}, having changed nothing, when
     * another transaction changed the row first.
     */
    static boolean save(Connection c, Dialect dialect, String cc, ConnectorRow basis, Outcome outcome)
            throws SQLException {
        if (outcome instanceof Ignore) {
            return true;
        }
        boolean done;
        if (outcome instanceof Write w) {
            done = write(c, dialect, cc, basis, w);
            if (done) {
                HistoryRows.insert(c, cc, w.connector().name(), w.stamp().time(), w.change());
            }
        } else if (outcome instanceof MoveStamp m) {
            done = moveStamp(c, cc, m.name(), basis.stamp(), m.stamp(), m.merge());
        } else if (outcome instanceof Tombstone t) {
            done = t.rowExists() ? markDeleted(c, cc, t.name(), basis.stamp(), t.stamp(), t.merge())
                    : insertTombstone(c, dialect, cc, t.name(), t.stamp(), t.merge());
            if (done && t.change() != null) {
                HistoryRows.insert(c, cc, t.name(), t.stamp().time(), t.change());
            }
        } else if (outcome instanceof Delete d) {
            done = markDeleted(c, cc, d.name(), basis.stamp(), d.stamp(), d.merge());
            if (done) {
                HistoryRows.insert(c, cc, d.name(), d.stamp().time(), d.change());
            }
        } else if (outcome instanceof LateChange l) {
            // The conditional no-op update locks the row, so replicas recording the same late change take turns
            // and the second finds the first's entry.
            done = lock(c, cc, l.name(), basis.stamp());
            HistoryEntry[] around = done ? HistoryRows.around(c, cc, l.name(), l.time()) : null;
            if (done && SnapshotApplier.belongsBetween(around[0], around[1], l.time(), l.change())) {
                HistoryRows.insert(c, cc, l.name(), l.time(), l.change());
                if (around[1] == null && l.current() != null) {
                    HistoryRows.insert(c, cc, l.name(), l.currentTime(), l.current());
                }
            }
        } else {
            throw new IllegalArgumentException("unknown outcome " + outcome);
        }
        return done;
    }

    private static ConnectorRow row(ResultSet rs) throws SQLException {
        StoredConnector connector = new StoredConnector(rs.getString(1), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), JsonColumns.tasks(rs.getString(8)),
                JsonColumns.config(rs.getString(9)), JsonColumns.keys(rs.getString(10)), rs.getString(11),
                Sql.instant(rs, 15), JsonColumns.config(rs.getString(16)), rs.getString(17));
        MergeState merge = JsonColumns.merge(rs.getString(18));
        return new ConnectorRow(connector.withDisagreement(merge.disagreement()), rs.getBoolean(2), Sql.stamp(rs, 12),
                merge);
    }

    private static boolean write(Connection c, Dialect dialect, String cc, ConnectorRow basis, Write w)
            throws SQLException {
        String values = "connector_class = ?, connector_type = ?, state = ?, worker_id = ?, trace = ?, tasks_json = ?, "
                + "config_json = ?, masked_keys_json = ?, config_fingerprint = ?, event_time = ?, event_epoch = ?, "
                + "event_sequence = ?, last_change = ?, tasks_total = ?, tasks_running = ?, tasks_failed = ?, "
                + "trace_present = ?, failing = ?, mask_reasons_json = ?, trace_mode = ?, merge_json = ?";
        if (!w.rowExists()) {
            return dialect.insertIfAbsent(c, "INSERT INTO connectors (" + values.replace(" = ?", "")
                    + ", connect_cluster_id, name, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                    + "FALSE)",
                    ps -> bindWrite(ps, cc, w));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET deleted = FALSE, " + values
                + " WHERE " + KEY + STAMP_UNCHANGED)) {
            bindWrite(ps, cc, w);
            Sql.bindStamp(ps, 24, basis.stamp());
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds a write's 21 values, then the key (parameters 22 and 23). */
    private static void bindWrite(PreparedStatement ps, String cc, Write w) throws SQLException {
        StoredConnector s = w.connector();
        ps.setString(1, s.connectorClass());
        ps.setString(2, s.connectorType());
        ps.setString(3, s.state());
        ps.setString(4, s.workerId());
        ps.setString(5, s.trace());
        ps.setString(6, JsonColumns.tasks(s.tasks()));
        ps.setString(7, JsonColumns.config(s.config()));
        ps.setString(8, JsonColumns.keys(s.maskedKeys()));
        ps.setString(9, s.configFingerprint());
        Sql.bindStamp(ps, 10, w.stamp());
        ps.setObject(13, Sql.utc(s.lastChange()));
        bindSummary(ps, 14, ConnectorSummary.of(s));
        ps.setString(19, s.maskReasons().isEmpty() ? null : JsonColumns.config(s.maskReasons()));
        ps.setString(20, s.traceMode());
        ps.setString(21, JsonColumns.merge(w.merge()));
        ps.setString(22, cc);
        ps.setString(23, s.name());
    }

    /** Binds tasks total, running, failed, trace present and failing to five parameters from {@code first}. */
    static void bindSummary(PreparedStatement ps, int first, ConnectorSummary s) throws SQLException {
        ps.setInt(first, s.tasksTotal());
        ps.setInt(first + 1, s.tasksRunning());
        ps.setInt(first + 2, s.tasksFailed());
        ps.setBoolean(first + 3, s.tracePresent());
        ps.setBoolean(first + 4, s.failing());
    }

    private static boolean moveStamp(Connection c, String cc, String name, EventStamp basis, EventStamp stamp,
                                     MergeState merge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET event_time = ?, event_epoch = ?, "
                + "event_sequence = ?, merge_json = ? WHERE " + KEY + STAMP_UNCHANGED)) {
            Sql.bindStamp(ps, 1, stamp);
            ps.setString(4, JsonColumns.merge(merge));
            ps.setString(5, cc);
            ps.setString(6, name);
            Sql.bindStamp(ps, 7, basis);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean lock(Connection c, String cc, String name, EventStamp basis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET event_time = event_time WHERE " + KEY
                + STAMP_UNCHANGED)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            Sql.bindStamp(ps, 3, basis);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Turns the row into a tombstone: the name, the deletion's stamp and the merge state a tombstone keeps (which
     * configs the connector had, who reported the deletion), nothing else of what the connector was.
     */
    private static boolean markDeleted(Connection c, String cc, String name, EventStamp basis, EventStamp stamp,
                                       MergeState merge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET deleted = TRUE, connector_class = NULL, "
                + "connector_type = NULL, state = NULL, worker_id = NULL, trace = NULL, tasks_json = NULL, "
                + "config_json = NULL, masked_keys_json = NULL, config_fingerprint = NULL, tasks_total = NULL, "
                + "tasks_running = NULL, tasks_failed = NULL, trace_present = NULL, failing = NULL, "
                + "mask_reasons_json = NULL, trace_mode = NULL, event_time = ?, event_epoch = ?, event_sequence = ?, "
                + "last_change = ?, merge_json = ? WHERE " + KEY + STAMP_UNCHANGED)) {
            Sql.bindStamp(ps, 1, stamp);
            ps.setObject(4, Sql.utc(stamp.time()));
            ps.setString(5, JsonColumns.merge(merge));
            ps.setString(6, cc);
            ps.setString(7, name);
            Sql.bindStamp(ps, 8, basis);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean insertTombstone(Connection c, Dialect dialect, String cc, String name, EventStamp stamp,
                                           MergeState merge) throws SQLException {
        return dialect.insertIfAbsent(c, "INSERT INTO connectors (connect_cluster_id, name, deleted, event_time, "
                + "event_epoch, event_sequence, last_change, merge_json) VALUES (?, ?, TRUE, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, cc);
                    ps.setString(2, name);
                    Sql.bindStamp(ps, 3, stamp);
                    ps.setObject(6, Sql.utc(stamp.time()));
                    ps.setString(7, JsonColumns.merge(merge));
                });
    }
}
