package io.connectusm.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.connectusm.certs.LeafFiles;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTPS server speaking the endpoint's side of {@code usm/v1} for the agent's tests: it lists
 * registrations (paged), records every event ID it accepts (the ledger), answers 403
 * {@code cluster_not_registered} for clusters it does not know, records sightings, and can be "down" (503).
 */
final class LedgerEndpoint implements AutoCloseable {

    static final String API_KEY = "agent-key";
    static final String API_SECRET = "s3cr3t-endpoint-secret-value";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpsServer server;
    final Set<String> receivedIds = ConcurrentHashMap.newKeySet();
    final List<MetadataEvent> received = new CopyOnWriteArrayList<>();
    /** The bodies of the event batches it accepted, byte for byte as they arrived. */
    final List<byte[]> receivedBodies = new CopyOnWriteArrayList<>();
    final List<JsonNode> sightings = new CopyOnWriteArrayList<>();
    final Set<ClusterRef> registered = ConcurrentHashMap.newKeySet();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger eventPosts = new AtomicInteger();
    private final Map<Integer, List<ClusterRef>> listings = new ConcurrentHashMap<>();
    private final AtomicInteger listingIds = new AtomicInteger();

    LedgerEndpoint(LeafFiles serverFiles, ClusterRef... registered) throws IOException {
        this.registered.addAll(List.of(registered));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.sslContext(serverFiles)));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/usm/v1/connect-clusters", this::list);
        server.createContext("/usm/v1/events", this::events);
        server.createContext("/usm/v1/sightings", this::sightings);
        server.start();
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, error("401", "unauthorized", "bad credentials"));
            return false;
        }
        return true;
    }

    private void list(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        int token = 0;
        int listing = -1;
        for (String part : query.split("&")) {
            if (part.startsWith("page_token=")) {
                token = Integer.parseInt(part.substring("page_token=".length()));
            } else if (part.startsWith("listing=")) {
                listing = Integer.parseInt(part.substring("listing=".length()));
            }
        }
        // Every page of one pull comes from the list as it was at its first page, as a database cursor would: a
        // registration removed between two pages must not make the agent see a cluster vanish that is still there.
        List<ClusterRef> all = listings.get(listing);
        if (all == null) {
            all = new ArrayList<>(registered);
            all.sort(Comparator.comparing(ClusterRef::toString));
            listing = listingIds.incrementAndGet();
            listings.put(listing, all);
        }
        // Pages of one, so the agent must follow metadata.next.
        ObjectNode root = MAPPER.createObjectNode().put("api_version", "usm/v1").put("kind", "ConnectClusterList");
        ObjectNode metadata = root.putObject("metadata").put("total_size", all.size());
        if (token + 1 < all.size()) {
            metadata.put("next", "/usm/v1/connect-clusters?environment=env-test&page_size=1&listing=" + listing
                    + "&page_token=" + (token + 1));
        }
        ArrayNode data = root.putArray("data");
        if (token < all.size()) {
            ClusterRef cluster = all.get(token);
            ObjectNode node = data.addObject().put("api_version", "usm/v1").put("kind", "ConnectCluster")
                    .put("id", "usmcc-" + cluster.connectClusterId())
                    .put("confluent_platform_connect_cluster_id", cluster.connectClusterId())
                    .put("kafka_cluster_id", cluster.kafkaClusterId()).put("usm_kafka_cluster_id", "usmkc-1")
                    .put("cloud", "AWS").put("region", "us-east-1").put("display_name", cluster.connectClusterId());
            node.putObject("environment").put("id", "env-test");
        }
        send(exchange, 200, root.toString());
    }

    private void events(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (down.get()) {
            send(exchange, 503, error("503", "unavailable", "down for the test"));
            return;
        }
        if (!authorized(exchange)) {
            return;
        }
        eventPosts.incrementAndGet();
        List<MetadataEvent> events = TestEvents.CODEC.decodeBatch(body);
        ArrayNode unknown = MAPPER.createArrayNode();
        events.stream().map(MetadataEvent::cluster).distinct().filter(c -> !registered.contains(c)).forEach(c ->
                unknown.addObject().put("kafka_cluster_id", c.kafkaClusterId()).put("connect_cluster_id",
                        c.connectClusterId()));
        if (!unknown.isEmpty()) {
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode err = root.putArray("errors").addObject().put("status", "403").put("code", "cluster_not_registered")
                    .put("detail", "not registered");
            err.set("clusters", unknown);
            send(exchange, 403, root.toString());
            return;
        }
        receivedBodies.add(body);
        received.addAll(events);
        events.forEach(event -> receivedIds.add(event.id()));
        send(exchange, 204, null);
    }

    private void sightings(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!authorized(exchange)) {
            return;
        }
        sightings.add(MAPPER.readTree(body));
        send(exchange, 204, null);
    }

    private static String error(String status, String code, String detail) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("errors").addObject().put("status", status).put("code", code).put("detail", detail);
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** Agent config keys pointing at this endpoint. */
    Map<String, String> agentConfig(LeafFiles trust) {
        return Map.of(
                AgentConfig.ENDPOINT_URL_CONFIG, url(),
                AgentConfig.ENDPOINT_ENVIRONMENT_CONFIG, "env-test",
                AgentConfig.ENDPOINT_API_KEY_CONFIG, API_KEY,
                AgentConfig.ENDPOINT_API_SECRET_CONFIG, API_SECRET,
                AgentConfig.ENDPOINT_TRUSTSTORE_LOCATION_CONFIG, trust.truststore().toString(),
                AgentConfig.ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG, "${file:" + trust.passwordFile() + ":jksPassword}",
                AgentConfig.FORWARD_BACKOFF_INITIAL_CONFIG, "50",
                AgentConfig.FORWARD_BACKOFF_MAX_CONFIG, "500");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
