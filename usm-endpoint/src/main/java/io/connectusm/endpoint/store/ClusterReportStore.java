package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cluster_reports} table, the one record of when each registered Connect cluster last reported: per
 * cluster and agent API key, the newest event time and when the endpoint accepted the last batch. It feeds the
 * console's "last heard 12 s ago", stale flag and "reported through" ({@link #reports}), the metrics' last report
 * ({@link #LAST_REPORT_BY_CLUSTER}, a cluster's newest arrival over its agents) and the "cluster stale" webhook
 * ({@link #silentSince}, {@link #notifiedStale}). Ingest calls {@link #heard} once per accepted batch; times only
 * move forward ({@code GREATEST}), so concurrent batches and replicas write in any order. Thread-safe.
 */
public final class ClusterReportStore {

    /**
     * A subquery of {@code (connect_cluster_id, last_report_at)}: each reported cluster's newest arrival, by the
     * receiving replica's clock.
     */
    static final String LAST_REPORT_BY_CLUSTER = "SELECT connect_cluster_id, MAX(last_received_at) AS last_report_at "
            + "FROM cluster_reports GROUP BY connect_cluster_id";

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

    /**
     * The clusters whose last report is older than {@code cutoff} and for whose silence no "cluster stale"
     * notification was queued yet ({@link #notifiedStale} marks one); by ID, at most {@code limit}, each with its
     * last report.
     */
    static Map<String, Instant> silentSince(Connection c, Instant cutoff, int limit) throws SQLException {
        Map<String, Instant> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT connect_cluster_id, MAX(last_received_at) FROM "
                + "cluster_reports GROUP BY connect_cluster_id HAVING MAX(last_received_at) < ? AND "
                + "(MAX(stale_notified_at) IS NULL OR MAX(stale_notified_at) < MAX(last_received_at)) "
                + "ORDER BY connect_cluster_id LIMIT ?")) {
            ps.setObject(1, Sql.utc(cutoff));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Sql.instant(rs, 2));
                }
            }
        }
        return out;
    }

    /** Records that a "cluster stale" notification was queued at {@code at} for each of these clusters' silence. */
    static void notifiedStale(Connection c, Collection<String> connectClusters, Instant at) throws SQLException {
        if (connectClusters.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_reports SET stale_notified_at = ? "
                + "WHERE connect_cluster_id = ?")) {
            for (String cc : connectClusters) {
                ps.setObject(1, Sql.utc(at));
                ps.setString(2, cc);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
