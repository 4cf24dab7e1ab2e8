package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connector_history} table: one row per real change of a connector, ordered by event time, then the
 * order written (its identity column {@code seq}). Written by ingest, read newest first, deleted by an admin's purge of one connector
 * and by {@link HistoryRetention}. Stateless; every method runs on the caller's connection and transaction.
 */
final class HistoryRows {

    private static final String KEY = "connect_cluster_id = ? AND name = ?";
    private static final String SELECT = "SELECT seq, event_time, change_kind, state, config_fingerprint, diff_json, "
            + "task_states, actor_json FROM connector_history";

    private HistoryRows() {
    }

    static void insert(Connection c, String cc, String name, Instant time, SnapshotApplier.Change change)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_history (connect_cluster_id, name, "
                + "event_time, change_kind, state, config_fingerprint, diff_json, task_states, actor_json) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setObject(3, Sql.utc(time));
            ps.setString(4, change.kind().name());
            ps.setString(5, change.state());
            ps.setString(6, change.configFingerprint());
            ps.setString(7, JsonColumns.diff(change.diff()));
            ps.setString(8, change.taskStates());
            ps.setString(9, JsonColumns.actor(change.actor()));
            ps.executeUpdate();
        }
    }

    /**
     * At most {@code limit} entries of a connector (also of a deleted one) after entry {@code beforeSeq} in the
     * history's order, newest first: by event time, then sequence (a change that arrived late, after a newer one, is
     * listed at its time). When no entry {@code beforeSeq} exists (the first page asks for {@link Long#MAX_VALUE};
     * retention may have removed the entry a page ended at), the entries with a smaller sequence.
     */
    static List<HistoryEntry> list(Connection c, String cc, String name, long beforeSeq, int limit)
            throws SQLException {
        Instant cursor = beforeSeq == Long.MAX_VALUE ? null : timeOf(c, cc, name, beforeSeq);
        String after = cursor == null ? " AND seq < ?" : " AND (event_time < ? OR event_time = ? AND seq < ?)";
        List<HistoryEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE " + KEY + after
                + " ORDER BY event_time DESC, seq DESC LIMIT ?")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            int i = 3;
            if (cursor != null) {
                ps.setObject(i++, Sql.utc(cursor));
                ps.setObject(i++, Sql.utc(cursor));
            }
            ps.setLong(i++, beforeSeq);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    /**
     * At most {@code limit} entries of a connector written at or after {@code since} (by event time), newest first:
     * the candidates of {@link ActorEnrichment}.
     */
    static List<HistoryEntry> recent(Connection c, String cc, String name, Instant since, int limit)
            throws SQLException {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry entry : list(c, cc, name, Long.MAX_VALUE, limit)) {
            if (!entry.time().isBefore(since)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Replaces the actor of one entry (a fuller report of the same change, {@link ActorEnrichment}). */
    static void updateActor(Connection c, long sequence, io.connectusm.events.ChangeActor actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connector_history SET actor_json = ? WHERE seq = ?")) {
            ps.setString(1, JsonColumns.actor(actor));
            ps.setLong(2, sequence);
            ps.executeUpdate();
        }
    }

    /**
     * The entries around {@code time} in the history's order: the newest not after it and the oldest after it,
     * each {@code null} when there is none.
     */
    static HistoryEntry[] around(Connection c, String cc, String name, Instant time) throws SQLException {
        return new HistoryEntry[] {
            first(c, SELECT + " WHERE " + KEY + " AND event_time <= ? ORDER BY event_time DESC, seq DESC LIMIT 1",
                    cc, name, time),
            first(c, SELECT + " WHERE " + KEY + " AND event_time > ? ORDER BY event_time, seq LIMIT 1", cc, name, time)
        };
    }

    private static HistoryEntry first(Connection c, String sql, String cc, String name, Instant time)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setObject(3, Sql.utc(time));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? entry(rs) : null;
            }
        }
    }

    private static Instant timeOf(Connection c, String cc, String name, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_time FROM connector_history WHERE " + KEY
                + " AND seq = ?")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Sql.instant(rs, 1) : null;
            }
        }
    }

    private static HistoryEntry entry(ResultSet rs) throws SQLException {
        return new HistoryEntry(rs.getLong(1), Sql.instant(rs, 2), HistoryKind.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), JsonColumns.diff(rs.getString(6)),
                TaskStates.decode(rs.getString(7)), JsonColumns.actor(rs.getString(8)));
    }

    /** One page, newest first: the entries with a sequence below {@code before}; the key after it is a sequence. */
    static Page<HistoryEntry> page(Connection c, String cc, String name, long before, int size) throws SQLException {
        return Page.of(list(c, cc, name, before, size + 1), size, count(c, cc, name),
                e -> Long.toString(e.sequence()));
    }

    private static int count(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM connector_history WHERE " + KEY)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Deletes every entry of one connector; how many. */
    static int deleteAll(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector_history WHERE " + KEY)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            return ps.executeUpdate();
        }
    }

    /**
     * Deletes the oldest entries written before {@code cutoff}, about {@code limit} of them (the first {@code limit}
     * by sequence); how many. Bounded by a sequence found first rather than by a sub-query with a limit, which H2
     * evaluates row by row.
     */
    static int deleteOlderThan(Connection c, Instant cutoff, int limit) throws SQLException {
        Long last = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM connector_history WHERE event_time < ? "
                + "ORDER BY seq LIMIT 1 OFFSET ?")) {
            ps.setObject(1, Sql.utc(cutoff));
            ps.setInt(2, limit - 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    last = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector_history WHERE event_time < ?"
                + (last == null ? "" : " AND seq <= ?"))) {
            ps.setObject(1, Sql.utc(cutoff));
            if (last != null) {
                ps.setLong(2, last);
            }
            return ps.executeUpdate();
        }
    }

    /** The connectors, at most {@code limit} of them, that have more than {@code maxRows} entries. */
    static List<ConnectorKey> overFull(Connection c, int maxRows, int limit) throws SQLException {
        List<ConnectorKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT connect_cluster_id, name FROM connector_history "
                + "GROUP BY connect_cluster_id, name HAVING COUNT(*) > ? ORDER BY connect_cluster_id, name LIMIT ?")) {
            ps.setInt(1, maxRows);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConnectorKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Deletes a connector's entries but its newest {@code keep}; how many went. */
    static int trim(Connection c, ConnectorKey connector, int keep) throws SQLException {
        long oldestKept;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM connector_history WHERE " + KEY
                + " ORDER BY seq DESC LIMIT 1 OFFSET ?")) {
            ps.setString(1, connector.connectClusterId());
            ps.setString(2, connector.name());
            ps.setInt(3, keep - 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                oldestKept = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector_history WHERE " + KEY + " AND seq < ?")) {
            ps.setString(1, connector.connectClusterId());
            ps.setString(2, connector.name());
            ps.setLong(3, oldestKept);
            return ps.executeUpdate();
        }
    }

    /** A connector by its registration and name. */
    record ConnectorKey(String connectClusterId, String name) {
    }
}
