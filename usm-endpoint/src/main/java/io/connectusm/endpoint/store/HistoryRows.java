package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connector_history} table: one row per real change of a connector, in the order written (its
 * identity column {@code seq}). Stateless; every method runs on the caller's connection and transaction.
 */
final class HistoryRows {

    private HistoryRows() {
    }

    static void insert(Connection c, String cc, String name, Instant time, SnapshotApplier.Change change)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_history (connect_cluster_id, name, "
                + "event_time, change_kind, state, config_fingerprint, diff_json) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setObject(3, Sql.utc(time));
            ps.setString(4, change.kind().name());
            ps.setString(5, change.state());
            ps.setString(6, change.configFingerprint());
            ps.setString(7, JsonColumns.diff(change.diff()));
            ps.executeUpdate();
        }
    }

    /** The history of a connector (also of a deleted one), newest first. */
    static List<HistoryEntry> list(Connection c, String cc, String name) throws SQLException {
        List<HistoryEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_time, change_kind, state, "
                + "config_fingerprint, diff_json FROM connector_history WHERE connect_cluster_id = ? AND name = ? "
                + "ORDER BY seq DESC")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(rs.getLong(1), Sql.instant(rs, 2), HistoryKind.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), JsonColumns.diff(rs.getString(6))));
                }
            }
        }
        return out;
    }
}
