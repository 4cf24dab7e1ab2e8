package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.support.Ticker;
import io.connectusm.testkit.TestPki;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown of a real agent: a batch that is waiting for the spool's commit when {@code close()} begins
 * still gets its 204 and is on disk afterwards, and no new connection is accepted once closing started. The
 * spool's committer is held through the agent's commit observer, so "mid-commit" is a fact, not a race.
 */
class ShutdownDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void answersAndKeepsABatchThatIsMidCommitWhenCloseBeginsAndRefusesNewConnections() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Map<String, String> config = AgentHarness.baseConfig(pki, dir, CLUSTER);
        config.put(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG, "60000");
        AtomicBoolean holdCommitter = new AtomicBoolean();
        CountDownLatch committerHeld = new CountDownLatch(1);
        CountDownLatch releaseCommitter = new CountDownLatch(1);
        Runnable afterCommit = () -> {
            if (holdCommitter.get()) {
                committerHeld.countDown();
                try {
                    releaseCommitter.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AgentHarness harness = AgentHarness.start(pki, dir, config,
                new AgentRuntime(Clock.systemUTC(), Ticker.system(), afterCommit));
        CompletableFuture<Void> closing = null;
        try {
            HttpClient worker = harness.client(CLUSTER.connectClusterId());
            // The first batch is answered; its commit then holds the committer, so the next batch waits for
            // its commit for as long as the test wants.
            holdCommitter.set(true);
            List<MetadataEvent> first = TestEvents.snapshots(CLUSTER, "first-", 3);
            assertThat(harness.post(worker, batch(first)).statusCode()).isEqualTo(204);
            assertThat(committerHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            List<MetadataEvent> inFlight = TestEvents.snapshots(CLUSTER, "in-flight-", 3);
            CompletableFuture<HttpResponse<String>> answer = worker.sendAsync(HttpRequest.newBuilder(harness.eventsUri())
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch(inFlight))).build(),
                    HttpResponse.BodyHandlers.ofString());
            await("the second batch reached the spool").atMost(WAIT)
                    .until(() -> harness.metricNow("usm_agent_requests_total") == 2);

            closing = CompletableFuture.runAsync(harness::close);
            int dataPort = harness.agent.dataPort();
            await("new connections refused once closing began").atMost(WAIT).until(() -> refused(dataPort));
            // The committer is still held: the batch cannot be answered yet, and close() waits for it.
            assertThat(answer).isNotDone();
            assertThat(closing).isNotDone();

            holdCommitter.set(false);
            releaseCommitter.countDown();
            HttpResponse<String> response = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("connection")).as("asks the worker to reconnect elsewhere")
                    .hasValue("close");
            closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(refused(dataPort)).isTrue();
        } finally {
            releaseCommitter.countDown();
            if (closing == null) {
                harness.close();
            }
        }

        try (Spool spool = Spool.open(new SpoolSettings(dir.resolve("spool"), 1 << 20, 16, 16),
                new SpoolMetrics(new PrometheusRegistry()),
                () -> { }, Clock.systemUTC())) {
            assertThat(spool.pending(100).get(10, TimeUnit.SECONDS)).map(p -> p.key().subject())
                    .containsExactlyInAnyOrder("first-0", "first-1", "first-2", "in-flight-0", "in-flight-1",
                            "in-flight-2");
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new AssertionError("unexpected failure connecting to the data plane", e);
        }
    }
}
