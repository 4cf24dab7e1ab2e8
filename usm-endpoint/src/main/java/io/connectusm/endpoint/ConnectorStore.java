package io.connectusm.endpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.WorkerPlugins;

/**
 * Latest connector state per registered Connect cluster, plus a history row per real change.
 *
 * <p>Applying is idempotent and order-insensitive: per (Connect cluster, connector) an event is applied only
 * when it is newer than the stored one by (time, epoch, sequence); duplicates and late arrivals are no-ops.
 * A snapshot whose fingerprint, state and tasks equal the stored ones moves the watermark but writes no
 * history. Deletions leave a tombstone so an older snapshot arriving late cannot resurrect a connector.
 *
 * <p>Thread-safe: application is serialised ({@code synchronized}) because it reads then writes; reads run
 * concurrently. Each batch is one transaction.
 */
final class ConnectorStore {

    static final String KIND_CREATED = "CREATED";
    static final String KIND_DELETED = "DELETED";

    private final Database database;

    ConnectorStore(Database database) {
        this.database = database;
    }

    /** What a batch did: how many events changed something and how many were duplicates or stale. */
    record ApplyResult(int applied, int ignored) {
    }

    /** Applies each registration's events in one transaction. */
    synchronized ApplyResult apply(Map<String, List<MetadataEvent>> eventsByConnectCluster) {
        return database.inTransaction(c -> {
            int applied = 0;
            int ignored = 0;
            for (Map.Entry<String, List<MetadataEvent>> entry : eventsByConnectCluster.entrySet()) {
                for (MetadataEvent event : entry.getValue()) {
                    if (applyOne(c, entry.getKey(), event)) {
                        applied++;
                    } else {
                        ignored++;
                    }
                }
            }
            return new ApplyResult(applied, ignored);
        });
    }

    private boolean applyOne(Connection c, String cc, MetadataEvent event) throws SQLException {
        if (event.payload() instanceof ConnectorSnapshot snapshot) {
            return applySnapshot(c, cc, event, snapshot);
        } else if (event.payload() instanceof ConnectorDeleted deleted) {
            return applyDeleted(c, cc, event, deleted.name());
        } else if (event.payload() instanceof ClusterInventory inventory) {
            return applyInventory(c, cc, event, inventory);
        } else if (event.payload() instanceof WorkerPlugins plugins) {
            return WorkerPluginStore.apply(c, cc, event, plugins);
        }
        return false;
    }

    private boolean applySnapshot(Connection c, String cc, MetadataEvent event, ConnectorSnapshot s)
            throws SQLException {
        Row row = load(c, cc, s.name());
        if (row != null && !isNewer(event, row)) {
            return false;
        }
        String tasksJson = tasksJson(s.tasks());
        String kind;
        List<ConfigDiff.Change> diff;
        if (row == null || row.deleted) {
            kind = KIND_CREATED;
            diff = ConfigDiff.between(Map.of(), s.config());
        } else {
            boolean configChanged = !s.configFingerprint().equals(row.fingerprint)
                    || !s.config().equals(row.config());
            boolean stateChanged = !s.state().name().equals(row.state)
                    || !Objects.equals(s.workerId(), row.workerId)
                    || !Objects.equals(s.trace(), row.trace);
            boolean tasksChanged = !tasksJson.equals(row.tasksJson);
            if (!configChanged && !stateChanged && !tasksChanged) {
                updateWatermark(c, cc, s.name(), event);
                return false;
            }
            kind = configChanged ? "CONFIG_UPDATED" : stateChanged ? "STATE_CHANGED" : "TASKS_CHANGED";
            diff = configChanged ? ConfigDiff.between(row.config(), s.config()) : List.of();
        }
        upsert(c, cc, s, tasksJson, event, row != null);
        history(c, cc, s.name(), event.time(), kind, s.state().name(), s.configFingerprint(), diff);
        return true;
    }

    private boolean applyDeleted(Connection c, String cc, MetadataEvent event, String name) throws SQLException {
        Row row = load(c, cc, name);
        if (row != null && !isNewer(event, row)) {
            return false;
        }
        if (row == null) {
            insertTombstone(c, cc, name, event);
            return false;
        }
        markDeleted(c, cc, name, event);
        if (row.deleted) {
            return false;
        }
        history(c, cc, name, event.time(), KIND_DELETED, null, null, ConfigDiff.between(row.config(), Map.of()));
        return true;
    }

    /** Connectors missing from a newer inventory were deleted while events were lost. */
    private boolean applyInventory(Connection c, String cc, MetadataEvent event, ClusterInventory inventory)
            throws SQLException {
        boolean changed = false;
        for (Row row : liveRows(c, cc)) {
            if (!inventory.connectors().containsKey(row.name) && isNewer(event, row)) {
                markDeleted(c, cc, row.name, event);
                history(c, cc, row.name, event.time(), KIND_DELETED, null, null,
                        ConfigDiff.between(row.config(), Map.of()));
                changed = true;
            }
        }
        return changed;
    }

    private static boolean isNewer(MetadataEvent event, Row row) {
        return EventOrder.isNewer(event, row.eventTime, row.epoch, row.sequence);
    }

    // ---- reads ----

    /** The live connectors of a Connect cluster, by name. */
    List<StoredConnector> list(String cc) {
        return database.inTransaction(c -> {
            List<StoredConnector> out = new ArrayList<>();
            for (Row row : liveRows(c, cc)) {
                out.add(row.toStored());
            }
            out.sort(Comparator.comparing(StoredConnector::name));
            return out;
        });
    }

    Optional<StoredConnector> get(String cc, String name) {
        return database.inTransaction(c -> {
            Row row = load(c, cc, name);
            return row == null || row.deleted ? Optional.empty() : Optional.of(row.toStored());
        });
    }

    /** The history of a connector (also of a deleted one), newest first. */
    List<HistoryEntry> history(String cc, String name) {
        return database.inTransaction(c -> {
            List<HistoryEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_time, change_kind, state, "
                    + "config_fingerprint, diff_json FROM connector_history WHERE connect_cluster_id = ? AND name = ? "
                    + "ORDER BY seq DESC")) {
                ps.setString(1, cc);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HistoryEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                                rs.getString(5), diffFromJson(rs.getString(6))));
                    }
                }
            }
            return out;
        });
    }

    /** Whether the store knows this connector at all (live or deleted), for a 404 on history. */
    boolean known(String cc, String name) {
        return database.inTransaction(c -> load(c, cc, name) != null);
    }

    // ---- rows ----

    private static final String ROW_COLUMNS = "name, deleted, connector_class, connector_type, state, worker_id, "
            + "trace, tasks_json, config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, "
            + "event_sequence, last_change";

    private record Row(String name, boolean deleted, String connectorClass, String connectorType, String state,
                       String workerId, String trace, String tasksJson, String configJson, String maskedKeysJson,
                       String fingerprint, Instant eventTime, Instant epoch, long sequence, Instant lastChange) {

        SortedMap<String, String> config() {
            return configJson == null ? new TreeMap<>()
                    : Json.read(configJson, new TypeReference<TreeMap<String, String>>() { });
        }

        StoredConnector toStored() {
            SortedSet<String> masked = maskedKeysJson == null ? new TreeSet<>()
                    : Json.read(maskedKeysJson, new TypeReference<TreeSet<String>>() { });
            return new StoredConnector(name, connectorClass, connectorType, state, workerId, trace,
                    tasksFromJson(tasksJson), config(), masked, fingerprint, lastChange);
        }
    }

    private static Row load(Connection c, String cc, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS
                + " FROM connectors WHERE connect_cluster_id = ? AND name = ?")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    private static List<Row> liveRows(Connection c, String cc) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS
                + " FROM connectors WHERE connect_cluster_id = ? AND deleted = FALSE ORDER BY name")) {
            ps.setString(1, cc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), instant(rs, 12), instant(rs, 13), rs.getLong(14), instant(rs, 15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void upsert(Connection c, String cc, ConnectorSnapshot s, String tasksJson, MetadataEvent event,
                               boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE connectors SET deleted = FALSE, connector_class = ?, connector_type = ?, state = ?, "
                  + "worker_id = ?, trace = ?, tasks_json = ?, config_json = ?, masked_keys_json = ?, "
                  + "config_fingerprint = ?, event_time = ?, event_epoch = ?, event_sequence = ?, last_change = ? "
                  + "WHERE connect_cluster_id = ? AND name = ?"
                : "INSERT INTO connectors (connector_class, connector_type, state, worker_id, trace, tasks_json, "
                  + "config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, event_sequence, "
                  + "last_change, connect_cluster_id, name, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,FALSE)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.connectorClass());
            ps.setString(2, s.connectorType().name());
            ps.setString(3, s.state().name());
            ps.setString(4, s.workerId());
            ps.setString(5, s.trace());
            ps.setString(6, tasksJson);
            ps.setString(7, Json.string(s.config()));
            ps.setString(8, Json.string(s.maskedKeys()));
            ps.setString(9, s.configFingerprint());
            ps.setObject(10, RegistrationStore.utc(event.time()));
            ps.setObject(11, RegistrationStore.utc(event.epoch()));
            ps.setLong(12, event.sequence());
            ps.setObject(13, RegistrationStore.utc(event.time()));
            ps.setString(14, cc);
            ps.setString(15, s.name());
            ps.executeUpdate();
        }
    }

    private static void updateWatermark(Connection c, String cc, String name, MetadataEvent event)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET event_time = ?, event_epoch = ?, "
                + "event_sequence = ? WHERE connect_cluster_id = ? AND name = ?")) {
            ps.setObject(1, RegistrationStore.utc(event.time()));
            ps.setObject(2, RegistrationStore.utc(event.epoch()));
            ps.setLong(3, event.sequence());
            ps.setString(4, cc);
            ps.setString(5, name);
            ps.executeUpdate();
        }
    }

    private static void markDeleted(Connection c, String cc, String name, MetadataEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connectors SET deleted = TRUE, event_time = ?, "
                + "event_epoch = ?, event_sequence = ?, last_change = ? WHERE connect_cluster_id = ? AND name = ?")) {
            ps.setObject(1, RegistrationStore.utc(event.time()));
            ps.setObject(2, RegistrationStore.utc(event.epoch()));
            ps.setLong(3, event.sequence());
            ps.setObject(4, RegistrationStore.utc(event.time()));
            ps.setString(5, cc);
            ps.setString(6, name);
            ps.executeUpdate();
        }
    }

    private static void insertTombstone(Connection c, String cc, String name, MetadataEvent event)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connectors (connect_cluster_id, name, deleted, "
                + "event_time, event_epoch, event_sequence, last_change) VALUES (?, ?, TRUE, ?, ?, ?, ?)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setObject(3, RegistrationStore.utc(event.time()));
            ps.setObject(4, RegistrationStore.utc(event.epoch()));
            ps.setLong(5, event.sequence());
            ps.setObject(6, RegistrationStore.utc(event.time()));
            ps.executeUpdate();
        }
    }

    private static void history(Connection c, String cc, String name, Instant time, String kind, String state,
                                String fingerprint, List<ConfigDiff.Change> diff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_history (connect_cluster_id, name, "
                + "event_time, change_kind, state, config_fingerprint, diff_json) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, cc);
            ps.setString(2, name);
            ps.setObject(3, RegistrationStore.utc(time));
            ps.setString(4, kind);
            ps.setString(5, state);
            ps.setString(6, fingerprint);
            ps.setString(7, diffToJson(diff));
            ps.executeUpdate();
        }
    }

    // ---- JSON columns (our own shape, independent of the wire codec) ----

    static String tasksJson(List<TaskSnapshot> tasks) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        tasks.stream().sorted(Comparator.comparingInt(TaskSnapshot::id)).forEach(t -> array.addObject()
                .put("id", t.id()).put("state", t.state().name()).put("worker_id", t.workerId())
                .put("trace", t.trace()));
        return Json.string(array);
    }

    private static List<TaskSnapshot> tasksFromJson(String json) {
        List<TaskSnapshot> tasks = new ArrayList<>();
        if (json == null) {
            return tasks;
        }
        for (JsonNode t : Json.tree(json)) {
            tasks.add(new TaskSnapshot(t.get("id").asInt(), ConnectorState.valueOf(t.get("state").asText()),
                    textOrNull(t.get("worker_id")), textOrNull(t.get("trace"))));
        }
        return tasks;
    }

    private static String diffToJson(List<ConfigDiff.Change> diff) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ConfigDiff.Change change : diff) {
            ObjectNode o = array.addObject().put("key", change.key()).put("change", change.kind().name());
            o.put("old_value", change.oldValue());
            o.put("new_value", change.newValue());
        }
        return Json.string(array);
    }

    private static List<ConfigDiff.Change> diffFromJson(String json) {
        List<ConfigDiff.Change> out = new ArrayList<>();
        for (JsonNode o : Json.tree(json)) {
            out.add(new ConfigDiff.Change(o.get("key").asText(), ConfigDiff.Kind.valueOf(o.get("change").asText()),
                    textOrNull(o.get("old_value")), textOrNull(o.get("new_value"))));
        }
        return out;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
