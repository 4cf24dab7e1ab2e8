package io.connectusm.endpoint.webhooks;

import static io.connectusm.endpoint.TransitionEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.Vendor;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Webhooks of a real endpoint, on each database, to a real local HTTP receiver: one signed CloudEvent per
 * transition (not per duplicate event), nothing lost while the receiver is down or the endpoint restarts, one
 * delivery per transition with two replicas on PostgreSQL, and neither the URL's token nor the signing secret in a
 * body or a log line.
 */
@EachDatabase
class WebhookDeliveryTest {

    private static final String URL_TOKEN = "T0KEN-in-the-url-path-XYZ";
    private static final String SIGNING_SECRET = "webhook-signing-secret-0123456789";
    private static final WebhookReceiver RECEIVER = receiver();
    private static final Path SECRET_FILE = secretFile();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of(
            "webhook.ops.url", "http://127.0.0.1:" + RECEIVER.port() + "/hooks/" + URL_TOKEN,
            "webhook.ops.events", "connector.failed,task.failed,connector.recovered",
            "webhook.ops.secret.file", SECRET_FILE.toString(),
            EndpointConfig.WEBHOOKS_POLL_INTERVAL_MS_CONFIG, "50",
            EndpointConfig.WEBHOOKS_RETRY_BACKOFF_MS_CONFIG, "50",
            EndpointConfig.WEBHOOKS_RETRY_BACKOFF_MAX_MS_CONFIG, "200",
            EndpointConfig.METRICS_PORT_CONFIG, "0"));

    private static int clusters;

    @BeforeEach
    void receiverUpAndEmpty() throws IOException {
        RECEIVER.start();
        RECEIVER.requests.clear();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aFailureIsSentOnceSignedEvenWhenItsEventArrivesTwice() throws Exception {
        ClusterRef ref = registered();
        Instant t = Instant.now().minusSeconds(10);
        MetadataEvent failed = snapshot(ref, "sink", t, 1, ConnectorState.RUNNING, ConnectorState.FAILED);
        try (LogCapture logs = new LogCapture()) {
            post(failed);
            post(failed);
            // Deliveries go in order: once the recovery is there, a duplicate failure would have been too.
            post(snapshot(ref, "sink", t.plusSeconds(1), 2, ConnectorState.RUNNING, ConnectorState.RUNNING));
            List<JsonNode> events = awaitEvents(ref, 2);
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                    "io.connectusm.alert.task.failed", "io.connectusm.alert.connector.recovered");
            JsonNode first = events.get(0);
            assertThat(first.get("specversion").asText()).isEqualTo("1.0");
            assertThat(first.get("subject").asText()).isEqualTo("sink");
            assertThat(first.get("data").get("task").asInt()).isZero();
            assertThat(first.get("data").get("cp_connect_cluster_id").asText()).isEqualTo(ref.connectClusterId());
            for (WebhookReceiver.Request r : RECEIVER.requests) {
                String timestamp = r.header("X-USM-Timestamp");
                assertThat(r.header("X-USM-Signature-256")).isEqualTo("sha256=" + WebhookSender.sign(
                        SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), timestamp,
                        r.body().getBytes(StandardCharsets.UTF_8)));
                assertThat(r.header("Idempotency-Key")).isEqualTo(JSON.readTree(r.body()).get("id").asText());
                assertThat(r.body()).doesNotContain(SIGNING_SECRET, URL_TOKEN, "Boom", "password",
                        io.connectusm.endpoint.TransitionEvents.SECRET);
            }
            assertThat(logs.text()).doesNotContain(URL_TOKEN, SIGNING_SECRET);
        }
    }

    @Test
    void nothingIsLostWhileTheReceiverIsDownAndTheEndpointRestarts() throws Exception {
        ClusterRef ref = registered();
        RECEIVER.stop();
        Instant t = Instant.now().minusSeconds(10);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                post(snapshot(ref, "c" + i, t, i, ConnectorState.FAILED, ConnectorState.RUNNING));
            }
            await().atMost(TestEndpoint.TIMEOUT).until(() -> failedAttempts(endpoint.endpoint()) >= 3);
            endpoint.restart();
            await().atMost(TestEndpoint.TIMEOUT).until(() -> failedAttempts(endpoint.endpoint()) >= 1);
            RECEIVER.start();
            List<JsonNode> events = awaitEvents(ref, 5);
            assertThat(events).extracting(e -> e.get("subject").asText())
                    .containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4");
            assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
            assertThat(logs.text()).contains("webhook ops failed for connector.failed").doesNotContain(URL_TOKEN);
        }
    }

    /** Two replicas on one PostgreSQL database run the delivery job: one replica at a time, each once. */
    @Test
    void twoReplicasDeliverEachTransitionOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(endpoint.vendor() == Vendor.POSTGRESQL,
                "replicas share a PostgreSQL database");
        Map<String, Object> props = new HashMap<>(endpoint.configProps());
        try (UsmEndpoint second = UsmEndpoint.start(new EndpointConfig(props))) {
            ClusterRef ref = registered();
            Instant t = Instant.now().minusSeconds(10);
            for (int i = 0; i < 30; i++) {
                // alternate replicas, and post each batch to both: the store keeps one transition per change
                MetadataEvent e = snapshot(ref, "r" + i, t, i, ConnectorState.FAILED, ConnectorState.RUNNING);
                post(e);
                postTo(second, e);
            }
            List<JsonNode> events = awaitEvents(ref, 30);
            assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates().hasSize(30);
        }
    }

    private static List<JsonNode> awaitEvents(ClusterRef ref, int count) {
        await().atMost(TestEndpoint.TIMEOUT).until(() -> eventsOf(ref).size() >= count);
        List<JsonNode> events = eventsOf(ref);
        assertThat(events).hasSize(count);
        return events;
    }

    private static List<JsonNode> eventsOf(ClusterRef ref) {
        return RECEIVER.requests.stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(e -> ref.connectClusterId().equals(e.get("data").get("cp_connect_cluster_id").asText()))
                .collect(Collectors.toList());
    }

    private static double failedAttempts(UsmEndpoint e) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + e.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith("usm_endpoint_webhook_deliveries_total{outcome=\"failed\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static ClusterRef registered() {
        clusters++;
        ClusterRef ref = new ClusterRef("kafka-w" + clusters, "connect-w" + clusters);
        endpoint.registerKafka("env-w", ref.kafkaClusterId());
        assertThat(endpoint.registerConnect("env-w", ref.kafkaClusterId(), ref.connectClusterId()).statusCode())
                .isEqualTo(201);
        return ref;
    }

    private static void post(MetadataEvent... events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(events)),
                endpoint.agent, "application/cloudevents-batch+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static void postTo(UsmEndpoint replica, MetadataEvent... events) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(endpoint.sslContext()).build().send(
                HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/usm/v1/events"))
                        .header("Authorization", TestEndpoint.basic(endpoint.agent.key(), endpoint.agent.secret()))
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.encodeBatch(List.of(events)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path secretFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "webhook-secrets"));
            Path file = Files.createTempFile(dir, "secret", ".txt");
            Files.writeString(file, SIGNING_SECRET + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
