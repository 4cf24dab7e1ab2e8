package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sightings of local Connect clusters reported by agents, for the "Register Connect cluster" offer. A report
 * merges into the stored one ({@link Sighting#mergedWith}). Bounded: an environment keeps at most
 * {@code maxPerEnvironment} sightings, those seen last (the others are dropped in the report's transaction).
 * Listing returns only clusters still unregistered in that environment, most recent first, paged. Thread-safe: a
 * merge writes only where the row is still the one it read (or still absent), and merges again when a concurrent
 * report, here or on another replica, got there first.
 */
public final class SightingStore {

    private static final String KEY = "environment = ? AND kafka_cluster_id = ? AND connect_cluster_id = ?";

    private final Database database;
    private final int maxPerEnvironment;

    public SightingStore(Database database) {
        this(database, Integer.MAX_VALUE);
    }

    public SightingStore(Database database, int maxPerEnvironment) {
        this.database = database;
        this.maxPerEnvironment = maxPerEnvironment;
    }

    public void report(List<Sighting> sightings) {
        Dialect dialect = database.dialect();
        database.inWriteTransaction(c -> {
            java.util.Set<String> environments = new java.util.TreeSet<>();
            for (Sighting s : sightings) {
                Races.untilWon("sighting of " + s.connectClusterId(), () -> {
                    Sighting stored = load(c, s);
                    return (stored == null ? insert(c, dialect, s) : update(c, stored, stored.mergedWith(s)))
                            ? Boolean.TRUE : null;
                });
                environments.add(s.environment());
            }
            for (String env : environments) {
                trim(c, env);
            }
            return null;
        });
    }

    /** Drops the sightings of {@code env} beyond the newest {@code maxPerEnvironment} (by last report). */
    private void trim(Connection c, String env) throws SQLException {
        List<String[]> oldest = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kafka_cluster_id, connect_cluster_id FROM sightings "
                + "WHERE environment = ? ORDER BY last_seen DESC, kafka_cluster_id, connect_cluster_id "
                + "OFFSET ? ROWS")) {
            ps.setString(1, env);
            ps.setInt(2, maxPerEnvironment);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oldest.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] ids : oldest) {
            delete(c, env, ids[0], ids[1]);
        }
    }

    /** Deletes one sighting; {@code false} when there was none. */
    public boolean delete(String environment, String kafkaClusterId, String connectClusterId) {
        return database.inTransaction(c -> delete(c, environment, kafkaClusterId, connectClusterId));
    }

    private static boolean delete(Connection c, String env, String kafka, String connect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sightings WHERE " + KEY)) {
            ps.setString(1, env);
            ps.setString(2, kafka);
            ps.setString(3, connect);
            return ps.executeUpdate() > 0;
        }
    }

    private static Sighting load(Connection c, Sighting key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT connector_count, first_seen, last_seen, agent_id "
                + "FROM sightings WHERE " + KEY)) {
            bindKey(ps, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Sighting(key.environment(), key.kafkaClusterId(), key.connectClusterId(),
                        rs.getInt(1), Sql.instant(rs, 2), Sql.instant(rs, 3), rs.getString(4)) : null;
            }
        }
    }

    private static boolean insert(Connection c, Dialect dialect, Sighting s) throws SQLException {
        return dialect.insertIfAbsent(c, "INSERT INTO sightings (environment, kafka_cluster_id, connect_cluster_id, "
                + "connector_count, first_seen, last_seen, agent_id) VALUES (?,?,?,?,?,?,?)", ps -> {
                    bindKey(ps, s, 1);
                    ps.setInt(4, s.connectorCount());
                    ps.setObject(5, Sql.utc(s.firstSeen()));
                    ps.setObject(6, Sql.utc(s.lastSeen()));
                    ps.setString(7, s.agentId());
                });
    }

    /** Replaces {@code stored} by {@code s} unless another report changed the row since it was read. */
    private static boolean update(Connection c, Sighting stored, Sighting s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sightings SET connector_count = ?, first_seen = ?, "
                + "last_seen = ?, agent_id = ? WHERE " + KEY + " AND first_seen = ? AND last_seen = ?")) {
            ps.setInt(1, s.connectorCount());
            ps.setObject(2, Sql.utc(s.firstSeen()));
            ps.setObject(3, Sql.utc(s.lastSeen()));
            ps.setString(4, s.agentId());
            bindKey(ps, s, 5);
            ps.setObject(8, Sql.utc(stored.firstSeen()));
            ps.setObject(9, Sql.utc(stored.lastSeen()));
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindKey(PreparedStatement ps, Sighting s, int first) throws SQLException {
        ps.setString(first, s.environment());
        ps.setString(first + 1, s.kafkaClusterId());
        ps.setString(first + 2, s.connectClusterId());
    }

    /** Sightings in {@code environment} that have no Connect cluster registration there, most recent first. */
    public List<Sighting> unregistered(String environment) {
        return database.inTransaction(c -> unregistered(c, environment, null, Integer.MAX_VALUE));
    }

    /**
     * One page of them, after the sighting whose key is {@code after} ({@code ""} for the first page).
     *
     * @throws IllegalArgumentException when {@code after} is no sighting key
     */
    public Page<Sighting> unregisteredPage(String environment, String after, int size) {
        String[] key = after.isEmpty() ? null : after.split(" ", -1);
        if (key != null && (key.length != 3 || !Sql.isInstant(key[0]))) {
            throw new IllegalArgumentException("not a sighting key");
        }
        return database.inTransaction(c -> {
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sightings s WHERE " + UNREGISTERED)) {
                ps.setString(1, environment);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            return Page.of(unregistered(c, environment, key, size + 1), size, total,
                    s -> s.lastSeen() + " " + s.kafkaClusterId() + " " + s.connectClusterId());
        });
    }

    private static final String UNREGISTERED = "s.environment = ? AND NOT EXISTS (SELECT 1 FROM connect_clusters r "
            + "WHERE r.environment = s.environment AND r.cp_kafka_cluster_id = s.kafka_cluster_id "
            + "AND r.cp_connect_cluster_id = s.connect_cluster_id)";

    /** Most recent first, then by IDs; after {@code key} (last seen, Kafka, Connect cluster ID) when given. */
    private static List<Sighting> unregistered(Connection c, String environment, String[] key, int limit)
            throws SQLException {
        List<Sighting> out = new ArrayList<>();
        String after = key == null ? "" : " AND (s.last_seen < ? OR (s.last_seen = ? AND (s.kafka_cluster_id > ? "
                + "OR (s.kafka_cluster_id = ? AND s.connect_cluster_id > ?))))";
        try (PreparedStatement ps = c.prepareStatement("SELECT s.kafka_cluster_id, s.connect_cluster_id, "
                + "s.connector_count, s.first_seen, s.last_seen, s.agent_id FROM sightings s WHERE " + UNREGISTERED
                + after + " ORDER BY s.last_seen DESC, s.kafka_cluster_id, s.connect_cluster_id LIMIT ?")) {
            int i = 1;
            ps.setString(i++, environment);
            if (key != null) {
                Object lastSeen = Sql.utc(Instant.parse(key[0]));
                ps.setObject(i++, lastSeen);
                ps.setObject(i++, lastSeen);
                ps.setString(i++, key[1]);
                ps.setString(i++, key[1]);
                ps.setString(i++, key[2]);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Sighting(environment, rs.getString(1), rs.getString(2), rs.getInt(3),
                            Sql.instant(rs, 4), Sql.instant(rs, 5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
