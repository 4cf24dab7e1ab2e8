package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's state in a few SQL aggregates, for the Prometheus metrics: so every replica on one database reports
 * the same values (nothing comes from a replica's memory). Reads only summary columns, never configs or traces.
 * Thread-safe; each read is one short transaction.
 */
public final class FleetAggregates {

    private final Database database;

    public FleetAggregates(Database database) {
        this.database = database;
    }

    /** A registered Connect cluster, its last report ({@code null}: none yet) and live connectors by state. */
    public record ClusterFigures(String id, String environment, String cpConnectClusterId, String cpKafkaClusterId,
                                 String name, Instant lastReport) {
    }

    /** How many live connectors of a cluster are in a state. */
    public record StateCount(String connectCluster, String state, long connectors) {
    }

    /** One live connector's state and task counts (from the summary columns). */
    public record ConnectorFigures(String environment, String connectCluster, String name, String state,
                                   int tasksTotal, int tasksRunning, int tasksFailed) {
    }

    /** Every registration, by ID. */
    public List<ClusterFigures> clusters() {
        return database.inTransaction(c -> {
            List<ClusterFigures> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cc.id, cc.environment, cc.cp_connect_cluster_id, "
                    + "cc.cp_kafka_cluster_id, cc.display_name, r.last_report_at FROM connect_clusters cc "
                    + "LEFT JOIN (" + ClusterReportStore.LAST_REPORT_BY_CLUSTER + ") r ON r.connect_cluster_id = cc.id "
                    + "ORDER BY cc.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClusterFigures(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Sql.instant(rs, 6)));
                }
            }
            return out;
        });
    }

    /** Live connectors counted by cluster and state. */
    public List<StateCount> connectorsByState() {
        return database.inTransaction(c -> {
            List<StateCount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT connect_cluster_id, state, COUNT(*) FROM connectors "
                    + "WHERE deleted = FALSE GROUP BY connect_cluster_id, state ORDER BY connect_cluster_id, state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StateCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    /** How many live connectors there are in all. */
    public long liveConnectors() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM connectors WHERE deleted = FALSE");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The first {@code limit} live connectors in (environment, cluster, name) order. */
    public List<ConnectorFigures> connectors(int limit) {
        return database.inTransaction(c -> {
            List<ConnectorFigures> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cc.environment, c.connect_cluster_id, c.name, "
                    + "c.state, c.tasks_total, c.tasks_running, c.tasks_failed FROM connectors c JOIN connect_clusters cc "
                    + "ON cc.id = c.connect_cluster_id WHERE c.deleted = FALSE "
                    + "ORDER BY cc.environment, c.connect_cluster_id, c.name LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ConnectorFigures(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                    }
                }
            }
            return out;
        });
    }
}
