package io.connectusm.endpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;

/**
 * The latest {@code io.connectusm.worker.plugins} report per (registered Connect cluster, worker). A report
 * replaces the stored one only when it is newer ({@link EventOrder}), so duplicates and late arrivals are
 * no-ops. Rows go with the cluster's registration (ON DELETE CASCADE). Thread-safe: writes happen inside
 * {@link ConnectorStore}'s serialised batch transaction; reads run concurrently.
 */
final class WorkerPluginStore {

    private final Database database;

    WorkerPluginStore(Database database) {
        this.database = database;
    }

    /** Stores {@code plugins} for its worker when newer than what is stored; whether anything changed. */
    static boolean apply(Connection c, String cc, MetadataEvent event, WorkerPlugins plugins) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT event_time, event_epoch, event_sequence "
                + "FROM worker_plugins WHERE connect_cluster_id = ? AND worker_id = ?")) {
            ps.setString(1, cc);
            ps.setString(2, plugins.workerId());
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
                if (exists && !EventOrder.isNewer(event, instant(rs, 1), instant(rs, 2), rs.getLong(3))) {
                    return false;
                }
            }
        }
        String sql = exists
                ? "UPDATE worker_plugins SET kafka_version = ?, plugins_json = ?, event_time = ?, event_epoch = ?, "
                  + "event_sequence = ? WHERE connect_cluster_id = ? AND worker_id = ?"
                : "INSERT INTO worker_plugins (kafka_version, plugins_json, event_time, event_epoch, event_sequence, "
                  + "connect_cluster_id, worker_id) VALUES (?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plugins.kafkaVersion());
            ps.setString(2, Json.string(pluginsJson(plugins.plugins())));
            ps.setObject(3, RegistrationStore.utc(event.time()));
            ps.setObject(4, RegistrationStore.utc(event.epoch()));
            ps.setLong(5, event.sequence());
            ps.setString(6, cc);
            ps.setString(7, plugins.workerId());
            ps.executeUpdate();
        }
        return true;
    }

    /** Every worker's latest list for a Connect cluster, by worker ID. */
    List<WorkerPluginList> list(String cc) {
        return database.inTransaction(c -> {
            List<WorkerPluginList> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, kafka_version, plugins_json, event_time "
                    + "FROM worker_plugins WHERE connect_cluster_id = ? ORDER BY worker_id")) {
                ps.setString(1, cc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorkerPluginList(rs.getString(1), rs.getString(2),
                                pluginsFromJson(rs.getString(3)), instant(rs, 4)));
                    }
                }
            }
            return out;
        });
    }

    /** The stored (and API) shape of one plugin: Connect's own {@code class}, {@code type}, {@code version}. */
    static ArrayNode pluginsJson(List<PluginDescriptor> plugins) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (PluginDescriptor p : plugins) {
            array.addObject().put("class", p.className()).put("type", p.type()).put("version", p.version());
        }
        return array;
    }

    private static List<PluginDescriptor> pluginsFromJson(String json) {
        List<PluginDescriptor> out = new ArrayList<>();
        for (JsonNode p : Json.tree(json)) {
            JsonNode version = p.get("version");
            out.add(new PluginDescriptor(p.get("class").asText(), p.get("type").asText(),
                    version == null || version.isNull() ? null : version.asText()));
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
