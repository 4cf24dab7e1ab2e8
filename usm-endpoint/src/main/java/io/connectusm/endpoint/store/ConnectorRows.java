package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Outcome;
import io.connectusm.endpoint.store.SnapshotApplier.Tombstone;
import io.connectusm.endpoint.store.SnapshotApplier.Write;

/**
 * The {@code connectors} table: one row per (registered Connect cluster, connector), live or a tombstone, with
 * the stamp of the last event applied. Reads rows for the {@link SnapshotApplier} and carries out its
 * {@link Outcome}s; decides nothing. Stateless; every method runs on the caller's connection and transaction.
 */
final class ConnectorRows {

    private static final String COLUMNS = "name, deleted, connector_class, connector_type, state, worker_id, "
            + "trace, tasks_json, config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, "
            + "event_sequence, last_change";

    private ConnectorRows() {
    }

    /** The row of one connector, or {@code null} when the cluster never reported it. */
    static ConnectorRow load(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM connectors WHERE connect_cluster_id = ? AND name = ?")) {
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

    /** Carries out {@code outcome} for cluster {@code cc}, history included; returns {@link Outcome#applied()}. */
    static boolean save(Connection c, String cc, Outcome outcome) throws SQLException {
        if (outcome instanceof Write w) {
            write(c, cc, w);
            HistoryRows.insert(c, cc, w.connector().name(), w.stamp().time(), w.change());
        } else if (outcome instanceof MoveStamp m) {
            moveStamp(c, cc, m.name(), m.stamp());
        } else if (outcome instanceof Tombstone t) {
            if (t.rowExists()) {
                markDeleted(c, cc, t.name(), t.stamp());
            } else {
                insertTombstone(c, cc, t.name(), t.stamp());
            }
        } else if (outcome instanceof Delete d) {
            markDeleted(c, cc, d.name(), d.stamp());
            HistoryRows.insert(c, cc, d.name(), d.stamp().time(), d.change());
        }
        return outcome.applied();
    }

    private static ConnectorRow row(ResultSet rs) throws SQLException {
        StoredConnector connector = new StoredConnector(rs.getString(1), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), JsonColumns.tasks(rs.getString(8)),
                JsonColumns.config(rs.getString(9)), JsonColumns.keys(rs.getString(10)), rs.getString(11),
                Sql.instant(rs, 15));
        return new ConnectorRow(connector, rs.getBoolean(2), Sql.stamp(rs, 12));
    }

    private static void write(Connection c, String cc, Write w) throws SQLException {
        String sql = w.rowExists()
                ? "UPDATE connectors SET deleted = FALSE, connector_class = ?, connector_type = ?, state = ?, "
                  + "worker_id = ?, trace = ?, tasks_json = ?, config_json = ?, masked_keys_json = ?, "
                  + "config_fingerprint = ?, event_time = ?, event_epoch = ?, event_sequence = ?, last_change = ? "
                  + "WHERE connect_cluster_id = ? AND name = ?"
                : "INSERT INTO connectors (connector_class, connector_type, state, worker_id, trace, tasks_json, "
                  + "config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, event_sequence, "
                  + "last_change, connect_cluster_id, name, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE)";
        StoredConnector s = w.connector();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
            ps.setString(14, cc);
            ps.setString(15, s.name());
            ps.executeUpdate();
        }
    }

    private static void moveStamp(Connection c, String cc, String name, EventStamp stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET event_time = ?, event_epoch = ?, "
                + "event_sequence = ? WHERE connect_cluster_id = ? AND name = ?")) {
            Sql.bindStamp(ps, 1, stamp);
            ps.setString(4, cc);
            ps.setString(5, name);
            ps.executeUpdate();
        }
    }

    private static void markDeleted(Connection c, String cc, String name, EventStamp stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET deleted = TRUE, event_time = ?, "
                + "event_epoch = ?, event_sequence = ?, last_change = ? WHERE connect_cluster_id = ? AND name = ?")) {
            Sql.bindStamp(ps, 1, stamp);
            ps.setObject(4, Sql.utc(stamp.time()));
            ps.setString(5, cc);
            ps.setString(6, name);
            ps.executeUpdate();
        }
    }

    private static void insertTombstone(Connection c, String cc, String name, EventStamp stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connectors (connect_cluster_id, name, deleted, "
                + "event_time, event_epoch, event_sequence, last_change) VALUES (?, ?, TRUE, ?, ?, ?, ?)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            Sql.bindStamp(ps, 3, stamp);
            ps.setObject(6, Sql.utc(stamp.time()));
            ps.executeUpdate();
        }
    }
}
