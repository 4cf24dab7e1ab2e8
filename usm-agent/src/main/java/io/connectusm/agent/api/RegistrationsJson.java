package io.connectusm.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectusm.events.ClusterRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads and writes the {@code usm/v1} {@code ConnectClusterList} JSON: the pages the endpoint returns, the
 * agent's on-disk cache and the static registrations file all share that shape. Stateless; thread-safe.
 */
public final class RegistrationsJson {

    /** One page: its registrations and the URL of the next page, or {@code null} on the last. */
    public record Page(List<Registration> registrations, String next) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistrationsJson() {
    }

    /**
     * Parses one page.
     *
     * @throws IOException when the JSON is malformed or a cluster lacks an ID
     */
    public static Page parse(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.path("data").isArray()) {
            throw new IOException("not a ConnectClusterList: no 'data' array");
        }
        List<Registration> registrations = new ArrayList<>();
        for (JsonNode cluster : root.path("data")) {
            String id = text(cluster, "id");
            String connectId = text(cluster, "confluent_platform_connect_cluster_id");
            String kafkaId = text(cluster, "kafka_cluster_id");
            if (id == null || connectId == null || kafkaId == null) {
                throw new IOException("a ConnectCluster lacks id, confluent_platform_connect_cluster_id or kafka_cluster_id");
            }
            registrations.add(new Registration(new ClusterRef(kafkaId, connectId), id,
                    text(cluster, "usm_kafka_cluster_id"), text(cluster.path("environment"), "id"),
                    text(cluster, "display_name")));
        }
        return new Page(List.copyOf(registrations), text(root.path("metadata"), "next"));
    }

    /** Writes registrations as one complete {@code ConnectClusterList} (no next page). */
    public static byte[] write(Collection<Registration> registrations) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("api_version", "usm/v1").put("kind", "ConnectClusterList");
        root.putObject("metadata").put("total_size", registrations.size());
        ArrayNode data = root.putArray("data");
        for (Registration registration : registrations) {
            ObjectNode cluster = data.addObject();
            cluster.put("api_version", "usm/v1").put("kind", "ConnectCluster").put("id", registration.usmConnectClusterId())
                    .put("confluent_platform_connect_cluster_id", registration.cluster().connectClusterId())
                    .put("kafka_cluster_id", registration.cluster().kafkaClusterId())
                    .put("usm_kafka_cluster_id", registration.usmKafkaClusterId())
                    .put("display_name", registration.displayName());
            cluster.putObject("environment").put("id", registration.environmentId());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise registrations", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }
}
