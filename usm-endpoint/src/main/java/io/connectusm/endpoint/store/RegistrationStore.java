package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.connectusm.endpoint.store.RegistrationRefusedException.Reason;
import io.connectusm.events.ClusterRef;

/**
 * Kafka and Connect cluster registrations in the database. Uniqueness (one registration per local cluster
 * per environment) is enforced by unique keys, so concurrent registrations of the same cluster yield exactly
 * one success and {@link RegistrationRefusedException}s. Deregistering a Connect cluster deletes its stored
 * connectors, history and plugin lists too (foreign keys cascade): what is not registered is not kept.
 * Thread-safe; every method is one transaction.
 */
public final class RegistrationStore {

    private static final String KAFKA_COLUMNS =
            "id, environment, cp_kafka_cluster_id, display_name, cloud, region, created_at";
    private static final String CONNECT_COLUMNS = "id, environment, cp_connect_cluster_id, cp_kafka_cluster_id, "
            + "usm_kafka_cluster_id, display_name, cloud, region, created_at";

    private final Database database;
    private final IdGenerator ids;

    public RegistrationStore(Database database, IdGenerator ids) {
        this.database = database;
        this.ids = ids;
    }

    /** Registers a Kafka cluster; refused when it is registered in that environment already. */
    public KafkaCluster createKafkaCluster(String environment, String cpKafkaClusterId, String displayName, Cloud cloud,
                                    String region) {
        KafkaCluster cluster = new KafkaCluster(ids.kafkaClusterId(), environment, cpKafkaClusterId,
                displayName, cloud, region, now());
        try {
            database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO kafka_clusters (" + KAFKA_COLUMNS + ") VALUES (?,?,?,?,?,?,?)")) {
                    ps.setString(1, cluster.id());
                    ps.setString(2, environment);
                    ps.setString(3, cpKafkaClusterId);
                    ps.setString(4, displayName);
                    ps.setString(5, cloud.name());
                    ps.setString(6, region);
                    ps.setObject(7, Sql.utc(cluster.createdAt()));
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw new RegistrationRefusedException(Reason.ALREADY_REGISTERED, "Kafka cluster \"" + cpKafkaClusterId
                        + "\" is already registered in environment \"" + environment + "\"");
            }
            throw e;
        }
        return cluster;
    }

    /**
     * Registers a Connect cluster under the Kafka cluster registered with {@code cpKafkaClusterId} in the same
     * environment; {@code cloud}/{@code region} fall back to that Kafka cluster's when {@code null}. Refused when
     * that Kafka cluster is not registered there, or the Connect cluster is already.
     */
    public ConnectCluster createConnectCluster(String environment, String cpConnectClusterId, String cpKafkaClusterId,
                                        String displayName, Cloud cloud, String region) {
        try {
            return database.inTransaction(c -> {
                KafkaCluster kafka = findKafkaByLocalId(c, environment, cpKafkaClusterId).orElseThrow(() ->
                        new RegistrationRefusedException(Reason.KAFKA_CLUSTER_NOT_REGISTERED, "Kafka cluster \""
                                + cpKafkaClusterId + "\" is not registered in environment \"" + environment
                                + "\"; register it first with 'usm kafka register'"));
                ConnectCluster cluster = new ConnectCluster(ids.connectClusterId(), environment, cpConnectClusterId,
                        cpKafkaClusterId, kafka.id(), displayName == null ? cpConnectClusterId : displayName,
                        cloud == null ? kafka.cloud() : cloud, region == null ? kafka.region() : region, now());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO connect_clusters (" + CONNECT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, cluster.id());
                    ps.setString(2, environment);
                    ps.setString(3, cpConnectClusterId);
                    ps.setString(4, cpKafkaClusterId);
                    ps.setString(5, kafka.id());
                    ps.setString(6, cluster.displayName());
                    ps.setString(7, cluster.cloud().name());
                    ps.setString(8, cluster.region());
                    ps.setObject(9, Sql.utc(cluster.createdAt()));
                    ps.executeUpdate();
                }
                return cluster;
            });
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                throw new RegistrationRefusedException(Reason.ALREADY_REGISTERED, "Connect cluster \""
                        + cpConnectClusterId + "\" of Kafka cluster \"" + cpKafkaClusterId
                        + "\" is already registered in environment \"" + environment + "\"");
            }
            throw e;
        }
    }

    /** The Kafka clusters of an environment, by ID, after ID {@code afterId} ({@code ""} for the first page). */
    public Page<KafkaCluster> listKafkaClusters(String environment, String afterId, int size) {
        return database.inTransaction(c -> page(c, "kafka_clusters", KAFKA_COLUMNS, environment, afterId, size,
                RegistrationStore::kafka, KafkaCluster::id));
    }

    /** The Connect clusters of an environment, by ID, after ID {@code afterId} ({@code ""} for the first page). */
    public Page<ConnectCluster> listConnectClusters(String environment, String afterId, int size) {
        return database.inTransaction(c -> page(c, "connect_clusters", CONNECT_COLUMNS, environment, afterId, size,
                RegistrationStore::connect, ConnectCluster::id));
    }

    /** Every environment that has a registration, sorted. */
    public List<String> environments() {
        return database.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT environment FROM kafka_clusters UNION "
                    + "SELECT environment FROM connect_clusters ORDER BY 1");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    public Optional<KafkaCluster> kafkaCluster(String id) {
        return database.inTransaction(c -> one(c, "SELECT " + KAFKA_COLUMNS + " FROM kafka_clusters WHERE id = ?",
                id, RegistrationStore::kafka));
    }

    public Optional<ConnectCluster> connectCluster(String id) {
        return database.inTransaction(c -> one(c,
                "SELECT " + CONNECT_COLUMNS + " FROM connect_clusters WHERE id = ?", id, RegistrationStore::connect));
    }

    /** Deletes a Kafka cluster registration; refused when absent or while Connect clusters still use it. */
    public void deleteKafkaCluster(String id) {
        try {
            deleteKafkaClusterIfUnused(id);
        } catch (StoreException e) {
            if (e.isForeignKeyViolation()) {
                // A Connect cluster was registered under it meanwhile (on another replica): refused as in use.
                throw new RegistrationRefusedException(Reason.IN_USE, "Kafka cluster \"" + id
                        + "\" has a registered Connect cluster; deregister it first");
            }
            throw e;
        }
    }

    private void deleteKafkaClusterIfUnused(String id) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM connect_clusters WHERE usm_kafka_cluster_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw new RegistrationRefusedException(Reason.IN_USE, "Kafka cluster \"" + id
                                + "\" still has " + rs.getInt(1) + " registered Connect cluster(s); deregister "
                                + "them first");
                    }
                }
            }
            deleteById(c, "kafka_clusters", id, "USM Kafka cluster");
            return null;
        });
    }

    /** Deregisters a Connect cluster; its connectors and history are purged with it. Refused when absent. */
    public void deleteConnectCluster(String id) {
        database.inTransaction(c -> {
            deleteById(c, "connect_clusters", id, "USM Connect cluster");
            return null;
        });
    }

    /** The registrations (one per environment at most) of a local Connect cluster. */
    public List<ConnectCluster> registrationsOf(ClusterRef ref) {
        return database.inTransaction(c -> {
            List<ConnectCluster> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONNECT_COLUMNS + " FROM connect_clusters "
                    + "WHERE cp_kafka_cluster_id = ? AND cp_connect_cluster_id = ? ORDER BY id")) {
                ps.setString(1, ref.kafkaClusterId());
                ps.setString(2, ref.connectClusterId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(connect(rs));
                    }
                }
            }
            return out;
        });
    }

    private static void deleteById(Connection c, String table, String id, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            if (ps.executeUpdate() == 0) {
                throw new RegistrationRefusedException(Reason.NOT_FOUND, what + " \"" + id + "\" not found");
            }
        }
    }

    private static Optional<KafkaCluster> findKafkaByLocalId(Connection c, String environment, String cpId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + KAFKA_COLUMNS
                + " FROM kafka_clusters WHERE environment = ? AND cp_kafka_cluster_id = ?")) {
            ps.setString(1, environment);
            ps.setString(2, cpId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(kafka(rs)) : Optional.empty();
            }
        }
    }

    private static <T> Optional<T> one(Connection c, String sql, String id, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    private static <T> Page<T> page(Connection c, String table, String columns, String environment, String afterId,
                                    int size, RowMapper<T> mapper, Function<T, String> idOf) throws SQLException {
        int total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE environment = ?")) {
            ps.setString(1, environment);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        List<T> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table
                + " WHERE environment = ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, environment);
            ps.setString(2, afterId);
            ps.setInt(3, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(mapper.map(rs));
                }
            }
        }
        return Page.of(items, size, total, idOf);
    }

    private static KafkaCluster kafka(ResultSet rs) throws SQLException {
        return new KafkaCluster(rs.getString("id"), rs.getString("environment"), rs.getString("cp_kafka_cluster_id"),
                rs.getString("display_name"), Cloud.valueOf(rs.getString("cloud")), rs.getString("region"),
                Sql.instant(rs, "created_at"));
    }

    private static ConnectCluster connect(ResultSet rs) throws SQLException {
        return new ConnectCluster(rs.getString("id"), rs.getString("environment"),
                rs.getString("cp_connect_cluster_id"), rs.getString("cp_kafka_cluster_id"),
                rs.getString("usm_kafka_cluster_id"), rs.getString("display_name"),
                Cloud.valueOf(rs.getString("cloud")), rs.getString("region"), Sql.instant(rs, "created_at"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
