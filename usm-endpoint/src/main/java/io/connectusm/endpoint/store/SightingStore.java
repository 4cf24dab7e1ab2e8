package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sightings of local Connect clusters reported by agents, for the "Register Connect cluster" offer. A report
 * merges into the stored one ({@link Sighting#mergedWith}). Bounded: an environment keeps at most
 * {@code maxPerEnvironment} sightings, those seen last (the others are dropped in the report's transaction).
 * Listing returns only clusters still unregistered in that environment, paged by (Kafka cluster ID, Connect
 * cluster ID). Thread-safe; reports are serialised since they read then write.
 */
public final class SightingStore {

    private static final String KEY = "environment = ? AND kafka_cluster_id = ? AND connect_cluster_id = ?";
    private static final String UNREGISTERED = "s.environment = ? AND NOT EXISTS (SELECT 1 FROM connect_clusters r "
            + "WHERE r.environment = s.environment AND r.cp_kafka_cluster_id = s.kafka_cluster_id "
            + "AND r.cp_connect_cluster_id = s.connect_cluster_id)";
    /** Separates the two IDs in a page key; neither ID can hold it. */
    private static final char KEY_SEPARATOR = '/';

    private final Database database;
    private final int maxPerEnvironment;

    public SightingStore(Database database) {
        this(database, Integer.MAX_VALUE);
    }

    public SightingStore(Database database, int maxPerEnvironment) {
        this.database = database;
        this.maxPerEnvironment = maxPerEnvironment;
    }

    public synchronized void report(List<Sighting> sightings) {
        database.inTransaction(c -> {
            java.util.Set<String> environments = new java.util.TreeSet<>();
            for (Sighting s : sightings) {
                Sighting stored = load(c, s);
                if (stored == null) {
                    insert(c, s);
                } else {
                    update(c, stored.mergedWith(s));
                }
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

    /**
     * One page of the unregistered sightings of {@code environment}, ordered by (Kafka cluster ID, Connect
     * cluster ID), after the key {@code after} ({@code ""} for the first page).
     */
    public Page<Sighting> unregistered(String environment, String after, int size) {
        int cut = after.indexOf(KEY_SEPARATOR);
        String afterKafka = cut < 0 ? after : after.substring(0, cut);
        String afterConnect = cut < 0 ? "" : after.substring(cut + 1);
        return database.inTransaction(c -> {
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sightings s WHERE " + UNREGISTERED)) {
                ps.setString(1, environment);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            List<Sighting> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.kafka_cluster_id, s.connect_cluster_id, "
                    + "s.connector_count, s.first_seen, s.last_seen, s.agent_id FROM sightings s WHERE " + UNREGISTERED
                    + " AND (s.kafka_cluster_id > ? OR s.kafka_cluster_id = ? AND s.connect_cluster_id > ?) "
                    + "ORDER BY s.kafka_cluster_id, s.connect_cluster_id FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, environment);
                ps.setString(2, afterKafka);
                ps.setString(3, afterKafka);
                ps.setString(4, afterConnect);
                ps.setInt(5, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Sighting(environment, rs.getString(1), rs.getString(2), rs.getInt(3),
                                Sql.instant(rs, 4), Sql.instant(rs, 5), rs.getString(6)));
                    }
                }
            }
            String next = null;
            if (out.size() > size) {
                out = out.subList(0, size);
                Sighting last = out.get(size - 1);
                next = last.kafkaClusterId() + KEY_SEPARATOR + last.connectClusterId();
            }
            return new Page<>(out, total, next);
        });
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

    private static void insert(Connection c, Sighting s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightings (environment, kafka_cluster_id, "
                + "connect_cluster_id, connector_count, first_seen, last_seen, agent_id) VALUES (?,?,?,?,?,?,?)")) {
            bindKey(ps, s, 1);
            ps.setInt(4, s.connectorCount());
            ps.setObject(5, Sql.utc(s.firstSeen()));
            ps.setObject(6, Sql.utc(s.lastSeen()));
            ps.setString(7, s.agentId());
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, Sighting s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sightings SET connector_count = ?, first_seen = ?, "
                + "last_seen = ?, agent_id = ? WHERE " + KEY)) {
            ps.setInt(1, s.connectorCount());
            ps.setObject(2, Sql.utc(s.firstSeen()));
            ps.setObject(3, Sql.utc(s.lastSeen()));
            ps.setString(4, s.agentId());
            bindKey(ps, s, 5);
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, Sighting s, int first) throws SQLException {
        ps.setString(first, s.environment());
        ps.setString(first + 1, s.kafkaClusterId());
        ps.setString(first + 2, s.connectClusterId());
    }

    /** Sightings in {@code environment} that have no Connect cluster registration there, most recent first. */
    public List<Sighting> unregistered(String environment) {
        return database.inTransaction(c -> {
            List<Sighting> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.kafka_cluster_id, s.connect_cluster_id, "
                    + "s.connector_count, s.first_seen, s.last_seen, s.agent_id FROM sightings s "
                    + "WHERE s.environment = ? AND NOT EXISTS (SELECT 1 FROM connect_clusters r "
                    + "WHERE r.environment = s.environment AND r.cp_kafka_cluster_id = s.kafka_cluster_id "
                    + "AND r.cp_connect_cluster_id = s.connect_cluster_id) "
                    + "ORDER BY s.last_seen DESC, s.kafka_cluster_id, s.connect_cluster_id")) {
                ps.setString(1, environment);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Sighting(environment, rs.getString(1), rs.getString(2), rs.getInt(3),
                                Sql.instant(rs, 4), Sql.instant(rs, 5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }
}
