package io.connectusm.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code ConnectClusterList} document kept outside a call: read from a file an operator wrote or a copy of
 * what the endpoint listed, and written as one complete page (no {@code metadata.next}). The fields are those of
 * {@link UsmApiClient#connectClusters(String)}, mapped by the same code. Stateless; thread-safe.
 */
public final class ConnectClusterList {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConnectClusterList() {
    }

    /**
     * The Connect clusters of a {@code ConnectClusterList}; any {@code metadata.next} is ignored.
     *
     * @throws IOException when it is not JSON or has no {@code data} array
     */
    public static List<ConnectCluster> read(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.path("data").isArray()) {
            throw new IOException("not a ConnectClusterList: no 'data' array");
        }
        List<ConnectCluster> clusters = new ArrayList<>();
        root.path("data").forEach(cluster -> clusters.add(ResourceJson.connectCluster(cluster)));
        return List.copyOf(clusters);
    }

    /** {@code clusters} as one complete, pretty-printed {@code ConnectClusterList}. */
    public static byte[] write(Collection<ConnectCluster> clusters) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("api_version", "usm/v1").put("kind", "ConnectClusterList");
        root.putObject("metadata").put("total_size", clusters.size());
        ArrayNode data = root.putArray("data");
        clusters.forEach(cluster -> data.add(ResourceJson.json(cluster)));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a ConnectClusterList", e);
        }
    }
}
