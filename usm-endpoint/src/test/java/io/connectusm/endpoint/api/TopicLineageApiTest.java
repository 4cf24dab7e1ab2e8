package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;

/**
 * Topics per connector over real HTTPS on H2 and PostgreSQL: the connector JSON shows them (absent when never known,
 * {@code []} when known none), "which connectors use topic T" lists exactly the live users of T among the Connect
 * clusters of that Kafka cluster (not another Kafka cluster's, not a deleted one, not one whose topics changed away),
 * paged through its {@code next} links; a snapshot without topics keeps them, a stale one changes nothing, a deletion
 * removes them; refusals have the API's error shape; the console pages link topics to the lineage page, escaped.
 */
@EachDatabase
class TopicLineageApiTest {

    static final ClusterRef ONE = new ClusterRef("kafka-lineage", "connect-a");
    static final ClusterRef TWO = new ClusterRef("kafka-lineage", "connect-b");
    static final ClusterRef ELSEWHERE = new ClusterRef("kafka-other", "connect-c");
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final EventCodec CODEC = new EventCodec();
    static final AtomicLong SEQUENCE = new AtomicLong();
    /** Connector names a "topic:connector" split or a path could confuse. */
    static final String HOSTILE = "a:connector-b/<i>x</i> & y";

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    @Test
    void theLineageOfATopicFollowsWhatTheWorkersReport() {
        String kafka = endpoint.registerKafka("env-lineage", ONE.kafkaClusterId());
        String other = endpoint.registerKafka("env-lineage", ELSEWHERE.kafkaClusterId());
        String ccOne = id(endpoint.registerConnect("env-lineage", ONE.kafkaClusterId(), ONE.connectClusterId()));
        String ccTwo = id(endpoint.registerConnect("env-lineage", TWO.kafkaClusterId(), TWO.connectClusterId()));
        String ccElse = id(endpoint.registerConnect("env-lineage", ELSEWHERE.kafkaClusterId(),
                ELSEWHERE.connectClusterId()));

        send(snapshot(ONE, "src", ConnectorType.SOURCE, List.of("payments", "orders"), 0),
                snapshot(ONE, "sink", ConnectorType.SINK, List.of("orders"), 0),
                snapshot(TWO, HOSTILE, ConnectorType.SINK, List.of("orders", "orders.dlq"), 0),
                snapshot(TWO, "untracked", ConnectorType.SOURCE, null, 0),
                snapshot(TWO, "idle", ConnectorType.SOURCE, List.of(), 0),
                snapshot(ELSEWHERE, "other-src", ConnectorType.SOURCE, List.of("orders"), 0));

        assertThat(users(kafka, "orders", 1)).containsExactlyElementsOf(byCluster(ccOne + " sink", ccOne + " src",
                ccTwo + " " + HOSTILE));
        assertThat(users(kafka, "orders", 2)).hasSize(3);
        assertThat(users(kafka, "orders.dlq", 100)).containsExactly(ccTwo + " " + HOSTILE);
        assertThat(users(kafka, "payments", 100)).containsExactly(ccOne + " src");
        assertThat(users(kafka, "nobody-uses-it", 100)).isEmpty();
        assertThat(users(other, "orders", 100)).containsExactly(ccElse + " other-src");
        JsonNode item = TestEndpoint.json(get(UsmPathsForTest.topic(kafka, "payments"))).get("data").get(0);
        assertThat(item.get("environment").asText()).isEqualTo("env-lineage");
        assertThat(item.get("connect_cluster").get("id").asText()).isEqualTo(ccOne);
        assertThat(item.get("type").asText()).isEqualTo("SOURCE");
        assertThat(item.get("state").asText()).isEqualTo("RUNNING");

        assertThat(topics(ccOne, "src")).isEqualTo("[\"orders\",\"payments\"]");
        assertThat(topics(ccTwo, "idle")).isEqualTo("[]");
        assertThat(topics(ccTwo, "untracked")).isNull();

        // A worker without topic tracking reports src again, newer: its topics stay as the others reported them.
        send(snapshot(ONE, "src", ConnectorType.SOURCE, null, 1));
        assertThat(topics(ccOne, "src")).isEqualTo("[\"orders\",\"payments\"]");
        // A reset, then only payments used again: src leaves the orders list.
        send(snapshot(ONE, "src", ConnectorType.SOURCE, List.of("payments"), 2));
        assertThat(users(kafka, "orders", 100)).containsExactlyElementsOf(byCluster(ccOne + " sink",
                ccTwo + " " + HOSTILE));
        // A stale report (older than what is stored) changes nothing.
        send(snapshot(ONE, "src", ConnectorType.SOURCE, List.of("orders", "stale"), -5));
        assertThat(topics(ccOne, "src")).isEqualTo("[\"payments\"]");
        assertThat(users(kafka, "stale", 100)).isEmpty();
        // A deletion removes the connector from every list; a re-creation without topics does not bring them back.
        send(event(TWO, HOSTILE, new ConnectorDeleted(HOSTILE), 3));
        assertThat(users(kafka, "orders", 100)).containsExactly(ccOne + " sink");
        assertThat(users(kafka, "orders.dlq", 100)).isEmpty();
    }

    @Test
    void refusalsHaveTheApiErrorShape() {
        String kafka = endpoint.registerKafka("env-lineage-errors", "kafka-errors");
        for (String[] wrong : new String[][] {
            {UsmPathsForTest.topic(kafka, "a:b"), "400"},
            {UsmPathsForTest.topic(kafka, ".."), "400"},
            {UsmPathsForTest.topic("usmkc-nope", "orders"), "404"},
            {UsmPathsForTest.topic(kafka, "orders") + "?page_token=bm8tc2xhc2g", "400"},
            {UsmPathsForTest.topic(kafka, "orders") + "?page_size=0", "400"}}) {
            HttpResponse<String> r = endpoint.send("GET", wrong[0], null, endpoint.admin);
            assertThat(r.statusCode()).as(wrong[0] + " " + r.body()).isEqualTo(Integer.parseInt(wrong[1]));
            JsonNode error = TestEndpoint.json(r).get("errors").get(0);
            assertThat(error.get("status").asText()).isEqualTo(wrong[1]);
            assertThat(error.get("detail").asText()).isNotEmpty();
        }
        assertThat(endpoint.send("GET", UsmPathsForTest.topic(kafka, "orders"), null, endpoint.agent).statusCode())
                .as("an agent key reads no connectors").isEqualTo(403);
    }

    @Test
    void theConsoleLinksEachTopicToItsConnectorsEscaped() {
        ClusterRef ref = new ClusterRef("kafka-lineage-ui", "connect-ui");
        String kafka = endpoint.registerKafka("env-lineage-ui", ref.kafkaClusterId());
        String cc = id(endpoint.registerConnect("env-lineage-ui", ref.kafkaClusterId(), ref.connectClusterId()));
        send(snapshot(ref, HOSTILE, ConnectorType.SINK, List.of("orders", "orders.eu_west-1"), 0),
                snapshot(ref, "untracked", ConnectorType.SOURCE, null, 0));

        String page = ok("/ui/connect-clusters/" + cc + "/connectors/" + URLEncoder.encode(HOSTILE,
                StandardCharsets.UTF_8).replace("+", "%20")).body();
        assertThat(page).contains("<a href=\"/ui/kafka-clusters/" + kafka + "/topics/orders\"><code>orders</code></a>")
                .contains("/topics/orders.eu_west-1\"><code>orders.eu_west-1</code></a>");
        assertThat(ok("/ui/connect-clusters/" + cc + "/connectors/untracked").body()).doesNotContain("/topics/");

        HttpResponse<String> lineage = ok("/ui/kafka-clusters/" + kafka + "/topics/orders");
        assertThat(lineage.body()).contains("a:connector-b/&lt;i&gt;x&lt;/i&gt; &amp; y").doesNotContain("<i>x</i>")
                .contains("1 connector uses");
        // No inline script: every <script> element loads its code from src (the CSP allows nothing else).
        assertThat(lineage.body().replaceAll("<script src=\"[^\"]+\"( [a-z]+)*></script>", "")).doesNotContain("<script");
        assertThat(lineage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'"));
        assertThat(endpoint.send("GET", "/ui/kafka-clusters/" + kafka + "/topics/a%3Ab", null, endpoint.admin)
                .statusCode()).isEqualTo(404);
    }

    /** The connectors using {@code topic}, as "cc name", walked through the list's next links with {@code size}. */
    private static List<String> users(String kafka, String topic, int size) {
        List<String> out = new ArrayList<>();
        String path = UsmPathsForTest.topic(kafka, topic) + "?page_size=" + size;
        int total = -1;
        while (path != null) {
            JsonNode page = TestEndpoint.json(get(path));
            total = page.get("metadata").get("total_size").asInt();
            page.get("data").forEach(c -> out.add(c.get("connect_cluster").get("id").asText() + " "
                    + c.get("name").asText()));
            JsonNode next = page.get("metadata").get("next");
            path = next == null || next.isNull() ? null : next.asText().replaceFirst("^https?://[^/]+", "");
            assertThat(out.size()).isLessThanOrEqualTo(50);
        }
        assertThat(out).hasSize(total);
        return out;
    }

    /** The list's order: by Connect cluster ID, then name (the IDs are random: the test does not know it before). */
    private static List<String> byCluster(String... items) {
        List<String> sorted = new ArrayList<>(List.of(items));
        sorted.sort(null);
        return sorted;
    }

    private static String topics(String cc, String name) {
        JsonNode topics = TestEndpoint.json(get("/usm/v1/connect-clusters/" + cc + "/connectors/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))).get("topics");
        return topics == null ? null : topics.toString();
    }

    private static HttpResponse<String> get(String path) {
        return ok(path);
    }

    private static HttpResponse<String> ok(String path) {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r;
    }

    private static String id(HttpResponse<String> registered) {
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return TestEndpoint.json(registered).get("id").asText();
    }

    private static MetadataEvent snapshot(ClusterRef ref, String name, ConnectorType type, List<String> topics,
                                          int second) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "org.example.C"));
        return event(ref, name, ConnectorSnapshot.builder().name(name).connectorClass("org.example.C")
                .connectorType(type).state(ConnectorState.RUNNING).workerId("w1").config(config)
                .cause(ChangeCause.STATE_CHANGED).topics(topics).build(), second);
    }

    private static MetadataEvent event(ClusterRef ref, String name, EventPayload payload, int second) {
        return new MetadataEvent(UUID.randomUUID().toString(), ref, "w1", T0, SEQUENCE.incrementAndGet()
                + (second < 0 ? -1_000_000 : 0) + 1_000_000, T0.plusSeconds(10 + second), name, payload);
    }

    private static void send(MetadataEvent... events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(events)),
                endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    /** The path under test, spelled once (as the CLI's UsmPaths does). */
    static final class UsmPathsForTest {
        static String topic(String kafka, String topic) {
            return "/usm/v1/kafka-clusters/" + kafka + "/topics/" + topic.replace(":", "%3A") + "/connectors";
        }
    }
}
