package io.connectusm.endpoint.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.store.ConfigDiff;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorSummary;
import io.connectusm.endpoint.store.HistoryEntry;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.Page;
import io.connectusm.endpoint.store.Sighting;
import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.endpoint.store.WorkerPluginList;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;

/**
 * Renders stored values as {@code usm/v1} JSON resources, shaped like Confluent's APIs ({@code api_version},
 * {@code kind}, {@code id}, snake_case fields, lists with {@code metadata.first/next/total_size}). Only
 * masked configs ever reach this class. Stateless and thread-safe.
 */
final class ResourceJson {

    static final String API_VERSION = "usm/v1";

    private ResourceJson() {
    }

    static ObjectNode kafkaCluster(KafkaCluster k) {
        ObjectNode o = resource("KafkaCluster", k.id());
        o.put("confluent_platform_kafka_cluster_id", k.cpKafkaClusterId());
        o.put("display_name", k.displayName());
        o.put("cloud", k.cloud().name());
        o.put("region", k.region());
        o.putObject("environment").put("id", k.environment());
        o.put("created_at", k.createdAt().toString());
        return o;
    }

    static ObjectNode connectCluster(ConnectCluster c) {
        ObjectNode o = resource("ConnectCluster", c.id());
        o.put("confluent_platform_connect_cluster_id", c.cpConnectClusterId());
        o.put("kafka_cluster_id", c.cpKafkaClusterId());
        o.put("usm_kafka_cluster_id", c.usmKafkaClusterId());
        o.put("display_name", c.displayName());
        o.put("cloud", c.cloud().name());
        o.put("region", c.region());
        o.putObject("environment").put("id", c.environment());
        o.put("created_at", c.createdAt().toString());
        return o;
    }

    /**
     * A paged list; {@code listUrl} is the collection's URL (absolute, or a path for relative links) without query,
     * {@code filters} the query parameters that select the list, repeated in its links before the page's own.
     */
    static <T> ObjectNode list(String kind, Page<T> page, Function<T, ObjectNode> item, String listUrl,
                               Map<String, String> filters, int pageSize) {
        ObjectNode o = document(kind);
        ObjectNode metadata = o.putObject("metadata");
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> query.append(encode(name)).append('=').append(encode(value)).append('&'));
        String first = listUrl + "?" + query + "page_size=" + pageSize;
        metadata.put("first", first);
        if (page.nextAfter() != null) {
            metadata.put("next", first + "&page_token=" + encode(Paging.token(page.nextAfter())));
        }
        metadata.put("total_size", page.totalSize());
        ArrayNode data = o.putArray("data");
        page.items().forEach(t -> data.add(item.apply(t)));
        return o;
    }

    /** One line of a connector list. */
    static ObjectNode connectorSummary(ConnectorSummary s) {
        ObjectNode c = Json.object();
        c.put("name", s.name());
        c.put("type", s.connectorType());
        c.put("state", s.state());
        c.putObject("tasks").put("running", s.tasksRunning()).put("failed", s.tasksFailed())
                .put("total", s.tasksTotal());
        c.put("failing", s.failing());
        c.put("trace_present", s.tracePresent());
        c.put("last_change", s.lastChange().toString());
        return c;
    }

    static ObjectNode connector(StoredConnector s) {
        ObjectNode o = document("Connector");
        o.put("name", s.name());
        o.put("connector_class", s.connectorClass());
        o.put("type", s.connectorType());
        o.put("state", s.state());
        o.put("worker_id", s.workerId());
        o.put("trace", s.trace());
        ArrayNode tasks = o.putArray("tasks");
        for (TaskSnapshot t : s.tasks()) {
            tasks.addObject().put("id", t.id()).put("state", t.state().name()).put("worker_id", t.workerId())
                    .put("trace", t.trace());
        }
        ObjectNode config = o.putObject("config");
        s.config().forEach(config::put);
        ArrayNode masked = o.putArray("masked_keys");
        s.maskedKeys().forEach(masked::add);
        // Why: every key of masked_keys that has a reason, and the keys with a credential cut out (url).
        ObjectNode reasons = o.putObject("mask_reasons");
        s.maskReasons().forEach(reasons::put);
        o.put("trace_mode", s.traceMode());
        o.put("config_fingerprint", s.configFingerprint());
        o.put("last_change", s.lastChange().toString());
        if (s.disagreement() != null) {
            ObjectNode d = o.putObject("workers_disagree");
            d.put("since", s.disagreement().since().toString());
            s.disagreement().workers().forEach(d.putArray("workers")::add);
        } else {
            o.putNull("workers_disagree");
        }
        return o;
    }

    /** One entry of a connector's history. */
    static ObjectNode historyEntry(HistoryEntry e) {
        ObjectNode h = Json.object();
        h.put("time", e.time().toString());
        h.put("change", e.kind().name());
        h.put("state", e.state());
        h.put("config_fingerprint", e.configFingerprint());
        h.put("caused_by", e.describe());
        if (e.actor() != null) {
            h.putObject("actor").put("principal", e.actor().principal())
                    .put("client_address", e.actor().clientAddress()).put("forwarded_for", e.actor().forwardedFor())
                    .put("user_agent", e.actor().userAgent()).put("request", e.actor().request())
                    .put("forwarded", e.actor().forwarded());
        } else {
            h.putNull("actor");
        }
        ArrayNode diff = h.putArray("config_diff");
        for (ConfigDiff.Change change : e.diff()) {
            diff.addObject().put("key", change.key()).put("change", change.kind().name())
                    .put("old_value", change.oldValue()).put("new_value", change.newValue());
        }
        return h;
    }

    /** One sighting of an unregistered cluster. */
    static ObjectNode sighting(Sighting s) {
        ObjectNode item = Json.object();
        item.put("kafka_cluster_id", s.kafkaClusterId());
        item.put("connect_cluster_id", s.connectClusterId());
        item.put("connector_count", s.connectorCount());
        item.put("first_seen", s.firstSeen().toString());
        item.put("last_seen", s.lastSeen().toString());
        item.put("agent_id", s.agentId());
        item.putObject("environment").put("id", s.environment());
        return item;
    }

    /** One worker's plugins. */
    static ObjectNode workerPlugins(WorkerPluginList w) {
        ObjectNode item = Json.object();
        item.put("worker_id", w.workerId());
        item.put("kafka_version", w.kafkaVersion());
        item.put("reported_at", w.reportedAt().toString());
        ArrayNode plugins = item.putArray("plugins");
        for (PluginDescriptor p : w.plugins()) {
            plugins.addObject().put("class", p.className()).put("type", p.type()).put("version", p.version());
        }
        return item;
    }

    /** An API key; {@code secret} is non-null only in the response that created it. */
    static ObjectNode apiKey(ApiKeyInfo key, String secret) {
        ObjectNode o = resource("ApiKey", key.key());
        o.putObject("metadata").put("created_at", key.createdAt().toString());
        ObjectNode spec = o.putObject("spec");
        spec.put("role", key.role().label());
        spec.put("description", key.description());
        if (key.scope().isScoped()) {
            ObjectNode scope = spec.putObject("scope");
            scope.putObject("environment").put("id", key.scope().environment());
            ArrayNode clusters = scope.putArray("connect_clusters");
            key.scope().connectClusters().forEach(clusters::add);
        }
        if (secret != null) {
            spec.put("secret", secret);
        }
        return o;
    }

    private static ObjectNode resource(String kind, String id) {
        ObjectNode o = document(kind);
        o.put("id", id);
        return o;
    }

    /** A top-level document: {@code api_version} and {@code kind} first, as Confluent's APIs order them. */
    private static ObjectNode document(String kind) {
        ObjectNode o = Json.object();
        o.put("api_version", API_VERSION);
        o.put("kind", kind);
        return o;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
