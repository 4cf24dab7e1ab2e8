package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connector counts per Connect cluster in one {@code GROUP BY} over the summary columns of {@code connectors}
 * (one result row per cluster and state, whatever the number of connectors), for the console's cluster,
 * environment and home pages. Stateless; runs on the caller's transaction.
 */
final class ConnectorCountRows {

    private static final String SELECT = "SELECT cc.environment, c.connect_cluster_id, COALESCE(c.state, ''), "
            + "COUNT(*), SUM(CASE WHEN c.failing = TRUE THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN c.tasks_failed > 0 THEN 1 ELSE 0 END), SUM(COALESCE(c.tasks_failed, 0)) "
            + "FROM connectors c JOIN connect_clusters cc ON cc.id = c.connect_cluster_id WHERE c.deleted = FALSE";
    private static final String GROUP = " GROUP BY cc.environment, c.connect_cluster_id, c.state";

    private ConnectorCountRows() {
    }

    /**
     * The counts of every registered cluster that has live connectors, by environment then cluster ID; only those
     * of {@code environment} unless it is {@code null}, only cluster {@code clusterId} unless it is {@code null}.
     */
    static Map<String, Map<String, ConnectorCounts>> count(Connection c, String environment, String clusterId)
            throws SQLException {
        String sql = SELECT + (environment == null ? "" : " AND cc.environment = ?")
                + (clusterId == null ? "" : " AND c.connect_cluster_id = ?") + GROUP;
        Map<String, Map<String, ConnectorCounts>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (environment != null) {
                ps.setString(i++, environment);
            }
            if (clusterId != null) {
                ps.setString(i, clusterId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConnectorCounts row = ConnectorCounts.ofState(rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7));
                    out.computeIfAbsent(rs.getString(1), env -> new TreeMap<>())
                            .merge(rs.getString(2), row, ConnectorCounts::plus);
                }
            }
        }
        return out;
    }
}
