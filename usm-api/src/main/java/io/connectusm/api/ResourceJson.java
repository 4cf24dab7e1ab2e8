package io.connectusm.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps {@code usm/v1} JSON to the resource records and requests to JSON, field by field as the endpoint's
 * {@code ResourceJson} writes them. Lenient on input (a missing field reads as {@code null}, 0 or empty), so a
 * newer endpoint with more fields still reads. Stateless.
 */
final class ResourceJson {

    private ResourceJson() {
    }

    static KafkaCluster kafkaCluster(JsonNode o) {
        return new KafkaCluster(text(o, "id"), text(o, "confluent_platform_kafka_cluster_id"), text(o, "display_name"),
                text(o, "cloud"), text(o, "region"), text(o.path("environment"), "id"), instant(o, "created_at"));
    }

    static ConnectCluster connectCluster(JsonNode o) {
        return new ConnectCluster(text(o, "id"), text(o, "confluent_platform_connect_cluster_id"),
                text(o, "kafka_cluster_id"), text(o, "usm_kafka_cluster_id"), text(o, "display_name"),
                text(o, "cloud"), text(o, "region"), text(o.path("environment"), "id"), instant(o, "created_at"));
    }

    /** A Connect cluster as the endpoint writes it (for a copy kept on disk, see {@link ConnectClusterList}). */
    static ObjectNode json(ConnectCluster c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("api_version", "usm/v1").put("kind", "ConnectCluster").put("id", c.id())
                .put("confluent_platform_connect_cluster_id", c.confluentPlatformConnectClusterId())
                .put("kafka_cluster_id", c.kafkaClusterId()).put("usm_kafka_cluster_id", c.usmKafkaClusterId())
                .put("display_name", c.displayName());
        putIfSet(o, "cloud", c.cloud());
        putIfSet(o, "region", c.region());
        o.putObject("environment").put("id", c.environment());
        if (c.createdAt() != null) {
            o.put("created_at", c.createdAt().toString());
        }
        return o;
    }

    static ConnectorSummary connectorSummary(JsonNode o) {
        JsonNode tasks = o.path("tasks");
        return new ConnectorSummary(text(o, "name"), text(o, "type"), text(o, "state"),
                tasks.path("running").asInt(0), tasks.path("total").asInt(0), o.path("trace_present").asBoolean(false),
                instant(o, "last_change"));
    }

    static Connector connector(JsonNode o) {
        List<Connector.Task> tasks = new ArrayList<>();
        for (JsonNode t : o.path("tasks")) {
            tasks.add(new Connector.Task(t.path("id").asInt(), text(t, "state"), text(t, "worker_id"),
                    text(t, "trace")));
        }
        Map<String, String> config = new TreeMap<>();
        o.path("config").fields().forEachRemaining(e -> config.put(e.getKey(),
                e.getValue().isNull() ? null : e.getValue().asText()));
        return new Connector(text(o, "name"), text(o, "connector_class"), text(o, "type"), text(o, "state"),
                text(o, "worker_id"), text(o, "trace"), tasks, new TreeMap<>(config), maskedKeys(o),
                text(o, "config_fingerprint"), instant(o, "last_change"), topics(o));
    }

    /** The connector's active topics, or {@code null} when the endpoint gives none (unknown, or an older endpoint). */
    private static List<String> topics(JsonNode o) {
        JsonNode topics = o.get("topics");
        if (topics == null || !topics.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        topics.forEach(t -> out.add(t.asText()));
        return out;
    }

    /**
     * The masked keys and their reasons, in any of the shapes the endpoint may send: {@code masked_keys} as names
     * (today) or as {@code {key, reason}} objects, and a {@code mask_reasons} object of key to reason.
     */
    static Map<String, String> maskedKeys(JsonNode o) {
        Map<String, String> masked = new LinkedHashMap<>();
        for (JsonNode k : o.path("masked_keys")) {
            if (k.isTextual()) {
                masked.putIfAbsent(k.asText(), null);
            } else if (k.isObject() && k.hasNonNull("key")) {
                masked.put(k.get("key").asText(), text(k, "reason"));
            }
        }
        o.path("mask_reasons").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                masked.put(e.getKey(), e.getValue().asText());
            }
        });
        return masked;
    }

    static ConnectorChange change(JsonNode h) {
        List<ConnectorChange.ConfigChange> diff = new ArrayList<>();
        for (JsonNode d : h.path("config_diff")) {
            diff.add(new ConnectorChange.ConfigChange(text(d, "key"), text(d, "change"), text(d, "old_value"),
                    text(d, "new_value")));
        }
        return new ConnectorChange(instant(h, "time"), text(h, "change"), text(h, "state"),
                text(h, "config_fingerprint"), diff);
    }

    static Sighting sighting(JsonNode o) {
        return new Sighting(text(o.path("environment"), "id"), text(o, "kafka_cluster_id"),
                text(o, "connect_cluster_id"), o.path("connector_count").asInt(0), instant(o, "first_seen"),
                instant(o, "last_seen"), text(o, "agent_id"));
    }

    static ApiKey apiKey(JsonNode o) {
        JsonNode spec = o.path("spec");
        return new ApiKey(text(o, "id"), text(spec, "role"), text(spec, "description"),
                instant(o.path("metadata"), "created_at"), text(spec, "secret"));
    }

    static ObjectNode request(KafkaClusterRegistration r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("confluent_platform_kafka_cluster_id", r.confluentPlatformKafkaClusterId());
        putIfSet(o, "display_name", r.displayName());
        // Sent even when blank: the endpoint then says what a cloud or region must be.
        o.put("cloud", r.cloud());
        o.put("region", r.region());
        environment(o, r.environment());
        return o;
    }

    static ObjectNode request(ConnectClusterRegistration r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("confluent_platform_connect_cluster_id", r.confluentPlatformConnectClusterId());
        o.put("kafka_cluster_id", r.kafkaClusterId());
        putIfSet(o, "display_name", r.displayName());
        putIfSet(o, "cloud", r.cloud());
        putIfSet(o, "region", r.region());
        environment(o, r.environment());
        return o;
    }

    static ObjectNode apiKeyRequest(String role, String description, String scopeEnvironment,
            List<String> scopeClusters) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode spec = o.putObject("spec").put("role", role).put("description", description);
        if (scopeEnvironment != null) {
            ObjectNode scope = spec.putObject("scope");
            environment(scope, scopeEnvironment);
            scopeClusters.forEach(scope.putArray("connect_clusters")::add);
        }
        return o;
    }

    private static void environment(ObjectNode o, String environment) {
        if (environment != null && !environment.isBlank()) {
            o.putObject("environment").put("id", environment);
        }
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Instant instant(JsonNode o, String field) {
        String value = text(o, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
