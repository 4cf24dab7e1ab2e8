package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sightings of local Connect clusters reported by agents, for the "Register Connect cluster" offer. A report
 * merges into the stored one ({@link Sighting#mergedWith}). Listing returns only clusters still unregistered in
 * that environment. Thread-safe; reports are serialised since they read then write.
 */
public final class SightingStore {

    private static final String KEY = "environment = ? AND kafka_cluster_id = ? AND connect_cluster_id = ?";

    private final Database database;

    public SightingStore(Database database) {
        this.database = database;
    }

    public synchronized void report(List<Sighting> sightings) {
        database.inTransaction(c -> {
            for (Sighting s : sightings) {
                Sighting stored = load(c, s);
                if (stored == null) {
                    insert(c, s);
                } else {
                    update(c, stored.mergedWith(s));
                }
            }
            return null;
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
