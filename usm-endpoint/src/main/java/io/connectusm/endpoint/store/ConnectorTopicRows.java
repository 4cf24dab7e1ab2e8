package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Outcome;
import io.connectusm.endpoint.store.SnapshotApplier.Tombstone;
import io.connectusm.endpoint.store.SnapshotApplier.Write;

/**
 * The {@code connector_topics} table and the {@code topics_known} column of {@code connectors}: each connector's
 * active topics, kept beside its row. The policy, applied after the connector's own outcome was saved in the same
 * transaction:
 * <ul>
 *   <li>a snapshot that applies (its stamp newer than the row's, whether it changed the row or only moved its stamp)
 *       and carries topics replaces the connector's set with them (only the rows that differ are written);</li>
 *   <li>a snapshot without topics (unknown: the worker does not track them, or is older) leaves the set as it is,
 *       so one worker without a feed does not erase what the others report;</li>
 *   <li>a deletion removes the set and makes it unknown again;</li>
 *   <li>a stale or duplicate event changes nothing.</li>
 * </ul>
 * Stateless; every method runs on the caller's connection and transaction.
 */
final class ConnectorTopicRows {

    private static final String KEY = "connect_cluster_id = ? AND name = ?";

    private ConnectorTopicRows() {
    }

    /** Follows a saved {@code outcome} of connector {@code name}; {@code topics} are the snapshot's ({@code null}: none). */
    static void follow(Connection c, String cc, String name, List<String> topics, Outcome outcome) throws SQLException {
        if (outcome instanceof Delete || outcome instanceof Tombstone) {
            forget(c, cc, name);
        } else if (topics != null && (outcome instanceof Write || outcome instanceof MoveStamp)) {
            replace(c, cc, name, topics);
        }
    }

    private static void replace(Connection c, String cc, String name, List<String> topics) throws SQLException {
        TreeSet<String> stored = new TreeSet<>(current(c, cc, name));
        TreeSet<String> wanted = new TreeSet<>(topics);
        if (!stored.equals(wanted)) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector_topics WHERE " + KEY
                    + " AND topic = ?")) {
                for (String gone : stored) {
                    if (!wanted.contains(gone)) {
                        ps.setString(1, cc);
                        ps.setString(2, name);
                        ps.setString(3, gone);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_topics (kafka_cluster_id, topic, "
                    + "connect_cluster_id, name) SELECT usm_kafka_cluster_id, ?, id, ? FROM connect_clusters "
                    + "WHERE id = ?")) {
                for (String added : wanted) {
                    if (!stored.contains(added)) {
                        ps.setString(1, added);
                        ps.setString(2, name);
                        ps.setString(3, cc);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!stored.isEmpty()) {
            return; // rows exist only where topics_known is TRUE: forget() clears both
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET topics_known = TRUE WHERE " + KEY
                + " AND (topics_known IS NULL OR topics_known = FALSE)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    private static void forget(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connector_topics WHERE " + KEY)) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET topics_known = NULL WHERE " + KEY
                + " AND topics_known IS NOT NULL")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    private static List<String> current(Connection c, String cc, String name) throws SQLException {
        List<String> topics = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT topic FROM connector_topics WHERE " + KEY
                + " ORDER BY topic")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    topics.add(rs.getString(1));
                }
            }
        }
        return topics;
    }

    /** A live connector's topics, sorted; empty when they are unknown (or the connector is not live). */
    static Optional<List<String>> of(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT topics_known FROM connectors WHERE " + KEY
                + " AND deleted = FALSE")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(current(c, cc, name));
    }

    /**
     * One page of the live connectors of Kafka cluster {@code kafkaId} that use {@code topic}, by Connect cluster ID
     * then name, after the page key {@code after} ({@code ""}: the first page).
     *
     * @throws IllegalArgumentException when {@code after} is no page key of this list
     */
    static Page<TopicUser> users(Connection c, String kafkaId, String topic, String after, int size)
            throws SQLException {
        String afterCc = "";
        String afterName = "";
        if (!after.isEmpty()) {
            int slash = after.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("not a page key of this list");
            }
            afterCc = after.substring(0, slash);
            afterName = after.substring(slash + 1);
        }
        String from = " FROM connector_topics t JOIN connectors k ON k.connect_cluster_id = t.connect_cluster_id "
                + "AND k.name = t.name JOIN connect_clusters cc ON cc.id = t.connect_cluster_id "
                + "WHERE t.kafka_cluster_id = ? AND t.topic = ? AND k.deleted = FALSE";
        int total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from)) {
            ps.setString(1, kafkaId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        List<TopicUser> fetched = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT cc.environment, t.connect_cluster_id, cc.display_name, "
                + "t.name, k.connector_type, k.state" + from + " AND (t.connect_cluster_id > ? OR "
                + "(t.connect_cluster_id = ? AND t.name > ?)) ORDER BY t.connect_cluster_id, t.name")) {
            ps.setString(1, kafkaId);
            ps.setString(2, topic);
            ps.setString(3, afterCc);
            ps.setString(4, afterCc);
            ps.setString(5, afterName);
            ps.setMaxRows(size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fetched.add(new TopicUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return Page.of(fetched, size, total, TopicUser::pageKey);
    }
}
