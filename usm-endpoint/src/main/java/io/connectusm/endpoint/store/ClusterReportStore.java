package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cluster_reports} table: per registered Connect cluster and agent API key, when the endpoint last
 * heard from it (the console's "last heard 12 s ago" and stale flag). Ingest calls {@link #heard} once per
 * accepted batch; times only move forward ({@code GREATEST}), so concurrent batches and replicas write in any
 * order. Thread-safe.
 */
public final class ClusterReportStore {

    private final Database database;

    public ClusterReportStore(Database database) {
        this.database = database;
    }

    /**
     * Records that a batch from agent key {@code agentKey}, received at {@code receivedAt}, held events of these
     * registrations, each with its newest event time. One transaction; registrations in ID order, so concurrent
     * batches lock rows in one order.
     */
    public void heard(Map<String, Instant> newestEventByRegistration, String agentKey, Instant receivedAt) {
        if (newestEventByRegistration.isEmpty()) {
            return;
        }
        Dialect dialect = database.dialect();
        database.inTransaction(c -> {
            for (Map.Entry<String, Instant> e : new TreeMap<>(newestEventByRegistration).entrySet()) {
                if (update(c, e.getKey(), agentKey, e.getValue(), receivedAt) == 0
                        && !dialect.insertIfAbsent(c, "INSERT INTO cluster_reports (connect_cluster_id, agent_key, "
                        + "last_event_time, last_received_at) VALUES (?,?,?,?)", ps -> {
                            ps.setString(1, e.getKey());
                            ps.setString(2, agentKey);
                            ps.setObject(3, Sql.utc(e.getValue()));
                            ps.setObject(4, Sql.utc(receivedAt));
                        })) {
                    update(c, e.getKey(), agentKey, e.getValue(), receivedAt); // a concurrent batch inserted it
                }
            }
            return null;
        });
    }

    private static int update(Connection c, String cc, String agentKey, Instant eventTime, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_reports SET last_event_time = "
                + "GREATEST(last_event_time, ?), last_received_at = GREATEST(last_received_at, ?) "
                + "WHERE connect_cluster_id = ? AND agent_key = ?")) {
            ps.setObject(1, Sql.utc(eventTime));
            ps.setObject(2, Sql.utc(receivedAt));
            ps.setString(3, cc);
            ps.setString(4, agentKey);
            return ps.executeUpdate();
        }
    }

    /**
     * The reports of every cluster registered in {@code environment} ({@code null}: in any), by cluster ID, each
     * cluster's newest first. A cluster never heard from has no entry.
     */
    public Map<String, List<ClusterReport>> reports(String environment) {
        return database.inTransaction(c -> {
            Map<String, List<ClusterReport>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.connect_cluster_id, r.agent_key, "
                    + "r.last_event_time, r.last_received_at FROM cluster_reports r JOIN connect_clusters cc ON "
                    + "cc.id = r.connect_cluster_id" + (environment == null ? "" : " WHERE cc.environment = ?")
                    + " ORDER BY r.connect_cluster_id, r.last_received_at DESC, r.agent_key")) {
                if (environment != null) {
                    ps.setString(1, environment);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ClusterReport(
                                rs.getString(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4)));
                    }
                }
            }
            return out;
        });
    }
}
