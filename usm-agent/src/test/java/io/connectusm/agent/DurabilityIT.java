package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.ingest.AgentChannelInitializer;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.ChildJvm;
import io.connectusm.testkit.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger test: the agent runs as a child JVM ({@link AgentMain}), a worker posts batches as fast as it
 * can, and the agent is killed with {@code kill -9} at random moments, many times, while the endpoint is
 * sometimes down. Every event that got a 204 must reach the endpoint in the end; duplicates are allowed,
 * losses are not. The last run ends with SIGTERM, which must drain and exit 0.
 */
class DurabilityIT {

    private static final int KILLS = 15;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchReachesTheEndpointDespiteKillMinus9() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Random random = new Random(42);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<ChildJvm> children = new ArrayList<>();
        AtomicInteger batchNumber = new AtomicInteger();
        HttpClient worker = AgentHarness.client(pki.client(CLUSTER.connectClusterId()));
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER)) {
            Path configFile = writeConfig(pki, endpoint);
            for (int kill = 0; kill < KILLS; kill++) {
                // The endpoint is down for a stretch of runs: the spool must carry events across restarts.
                endpoint.down.set(kill >= 4 && kill < 8);
                ChildJvm child = start(children, configFile);
                int dataPort = dataPort(child);
                AtomicBoolean sending = new AtomicBoolean(true);
                CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                    while (sending.get()) {
                        post(worker, dataPort, batchNumber.getAndIncrement(), acknowledged);
                    }
                });
                // Killed while batches are in flight: first some acknowledgements (a slow, loaded machine may take
                // seconds to start the child), then a random moment within the stream.
                int before = acknowledged.size();
                await("the child agent acknowledges batches").atMost(Duration.ofSeconds(60))
                        .until(() -> acknowledged.size() >= before + 5);
                Thread.sleep(random.nextInt(600));
                child.kill();
                sending.set(false);
                sender.get(60, TimeUnit.SECONDS);
            }
            assertThat(acknowledged).as("batches acknowledged across the kills").hasSizeGreaterThan(KILLS * 5);

            endpoint.down.set(false);
            ChildJvm last = start(children, configFile);
            await("every acknowledged event at the endpoint").atMost(Duration.ofSeconds(90))
                    .until(() -> endpoint.receivedIds.containsAll(acknowledged));
            System.out.printf("DurabilityIT: %d kills, %d events acknowledged, %d received by the endpoint%n", KILLS,
                    acknowledged.size(), endpoint.receivedIds.size());
            assertThat(last.stop(Duration.ofSeconds(30))).as("exit code after SIGTERM").isZero();
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + (children.isEmpty() ? "" : "; the last started agent's "
                    + children.get(children.size() - 1).lastLinesForMessage()), e);
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
        StringBuilder output = new StringBuilder();
        children.forEach(child -> output.append(child.output()));
        assertThat(output).contains(AgentMain.STARTED_LINE_PREFIX);
        assertThat(output).doesNotContain(new String(pki.server().password())).doesNotContain(LedgerEndpoint.API_SECRET);
    }

    private Path writeConfig(TestPki pki, LedgerEndpoint endpoint) throws IOException {
        Properties properties = new Properties();
        properties.putAll(AgentHarness.baseConfig(pki, dir, CLUSTER));
        properties.putAll(endpoint.agentConfig(pki.server()));
        Path file = dir.resolve("agent.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "DurabilityIT");
        }
        return file;
    }

    private ChildJvm start(List<ChildJvm> children, Path configFile) throws Exception {
        ChildJvm child = ChildJvm.start(dir, "256m", AgentMain.STARTED_LINE_PREFIX, START_TIMEOUT,
                AgentMain.class.getName(), "--config", configFile.toString());
        children.add(child);
        return child;
    }

    private static int dataPort(ChildJvm child) {
        return Integer.parseInt(child.startedLine().replaceAll(".*data\\.port=(\\d+).*", "$1"));
    }

    /** Posts one batch of 5 snapshots of connectors never seen before; records their IDs on a 204. */
    private static void post(HttpClient worker, int port, int batch, Set<String> acknowledged) {
        List<MetadataEvent> events = TestEvents.snapshots(CLUSTER, "b" + batch + "-", 5);
        try {
            HttpResponse<Void> response = worker.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                    + AgentChannelInitializer.EVENTS_PATH)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", io.connectusm.events.MediaTypes.CLOUDEVENTS_BATCH_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestEvents.batch(events))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 204) {
                events.forEach(event -> acknowledged.add(event.id()));
            }
        } catch (IOException e) {
            // Killed mid-request: not acknowledged, so not owed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
