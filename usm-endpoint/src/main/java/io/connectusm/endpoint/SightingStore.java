package io.connectusm.endpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Sightings of local Connect clusters reported by agents, for the "Register Connect cluster" offer. A report
 * merges into the stored one (earliest first_seen, latest last_seen and count). Listing returns only clusters
 * still unregistered in that environment. Thread-safe; reports are serialised since they read then write.
 */
final class SightingStore {

    private final Database database;

    SightingStore(Database database) {
        this.database = database;
    }

    synchronized void report(List<Sighting> sightings) {
        database.inTransaction(c -> {
            for (Sighting s : sightings) {
                merge(c, s);
            }
            return null;
        });
    }

    private static void merge(Connection c, Sighting s) throws SQLException {
        Sighting stored = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT connector_count, first_seen, last_seen, agent_id "
                + "FROM sightings WHERE environment = ? AND kafka_cluster_id = ? AND connect_cluster_id = ?")) {
            bindKey(ps, s, 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored = new Sighting(s.environment(), s.kafkaClusterId(), s.connectClusterId(), rs.getInt(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4));
                }
            }
        }
        if (stored == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sightings (environment, kafka_cluster_id, "
                    + "connect_cluster_id, connector_count, first_seen, last_seen, agent_id) VALUES (?,?,?,?,?,?,?)")) {
                bindKey(ps, s, 1);
                ps.setInt(4, s.connectorCount());
                ps.setObject(5, RegistrationStore.utc(s.firstSeen()));
                ps.setObject(6, RegistrationStore.utc(s.lastSeen()));
                ps.setString(7, s.agentId());
                ps.executeUpdate();
            }
            return;
        }
        boolean newer = !s.lastSeen().isBefore(stored.lastSeen());
        Instant first = s.firstSeen().isBefore(stored.firstSeen()) ? s.firstSeen() : stored.firstSeen();
        try (PreparedStatement ps = c.prepareStatement("UPDATE sightings SET connector_count = ?, first_seen = ?, "
                + "last_seen = ?, agent_id = ? WHERE environment = ? AND kafka_cluster_id = ? AND connect_cluster_id = ?")) {
            ps.setInt(1, newer ? s.connectorCount() : stored.connectorCount());
            ps.setObject(2, RegistrationStore.utc(first));
            ps.setObject(3, RegistrationStore.utc(newer ? s.lastSeen() : stored.lastSeen()));
            ps.setString(4, newer ? s.agentId() : stored.agentId());
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
    List<Sighting> unregistered(String environment) {
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
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }
}
