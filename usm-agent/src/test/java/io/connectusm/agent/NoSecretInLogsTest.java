package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.ingest.AgentChannelInitializer;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.LogCapture;
import io.connectusm.testkit.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole agent's life — start, mTLS ingest with basic auth, a wrong password, forwarding through an outage,
 * a broken TLS rotation, shutdown — under a {@link LogCapture} that sees every logger at every level (Netty's and
 * Kafka's DEBUG and TRACE included): no secret of its configuration appears in any line.
 */
class NoSecretInLogsTest {

    private static final String API_SECRET = "data-plane-basic-s3cret-canary";

    @TempDir
    Path dir;

    @Test
    void noConfiguredSecretReachesAnyLogLine() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        String storePassword = new String(pki.server().password());
        String text;
        try (LogCapture logs = new LogCapture(); LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER)) {
            Map<String, String> config = AgentHarness.baseConfig(pki, dir, CLUSTER);
            config.putAll(endpoint.agentConfig(pki.server()));
            // Literal values, not references: the most exposed way to configure them.
            config.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, storePassword);
            config.put(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
            config.put(AgentConfig.ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
            config.put(AgentConfig.API_KEY_CONFIG, "worker");
            config.put(AgentConfig.API_SECRET_CONFIG, API_SECRET);
            config.put(AgentConfig.SSL_RELOAD_INTERVAL_CONFIG, "200");
            try (AgentHarness harness = AgentHarness.start(pki, dir, config)) {
                HttpClient worker = harness.client(CLUSTER.connectClusterId());
                assertThat(post(harness, worker, "worker:wrong-" + API_SECRET).statusCode()).isEqualTo(401);
                endpoint.down.set(true);
                List<MetadataEvent> events = TestEvents.snapshots(CLUSTER, "c", 3);
                assertThat(post(harness, worker, batch(events), "worker:" + API_SECRET).statusCode()).isEqualTo(204);
                await("a failed forward").atMost(Duration.ofSeconds(20)).until(() ->
                        harness.metricNow("usm_agent_forward_failures_total{reason=\"http_503\"}") > 0);
                endpoint.down.set(false);
                await("forwarded").atMost(Duration.ofSeconds(20))
                        .until(() -> endpoint.receivedIds.contains(events.get(2).id()));
                Files.write(pki.server().truststore(), "broken".getBytes(StandardCharsets.UTF_8));
                await("the broken rotation reported").atMost(Duration.ofSeconds(20))
                        .until(() -> harness.metricNow("usm_agent_tls_reload_error") == 1);
            }
            text = logs.text();
        }
        assertThat(text).as("the capture saw the agent and Netty at DEBUG").contains("usm-agent started")
                .contains("DEBUG io.netty.");
        assertThat(text).doesNotContain(API_SECRET).doesNotContain(storePassword)
                .doesNotContain(LedgerEndpoint.API_SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(("worker:" + API_SECRET).getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getEncoder().encodeToString((LedgerEndpoint.API_KEY + ":" + LedgerEndpoint.API_SECRET)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(AgentHarness harness, HttpClient client, String userColonSecret)
            throws Exception {
        return post(harness, client, batch(TestEvents.snapshot(CLUSTER, "a", "t")), userColonSecret);
    }

    private static HttpResponse<String> post(AgentHarness harness, HttpClient client, byte[] body,
            String userColonSecret) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + harness.agent.dataPort()
                + AgentChannelInitializer.EVENTS_PATH)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        userColonSecret.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
