package io.connectusm.extension;

import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent is unreachable in both bad ways at once: the first URL accepts TCP and never answers (hangs),
 * the second refuses connections. The worker's REST API must keep its latency and connectors must run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentOutageIsolationIT {

    /** Half the 5 s request timeout: a REST call that waited on the agent would exceed it. */
    static final Duration REST_BUDGET = Duration.ofMillis(2_500);

    @TempDir
    static Path dir;
    static ServerSocket hanging;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static Thread acceptor;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() throws IOException {
        WorkerPki pki = WorkerPki.create(dir, "isolation");
        hanging = new ServerSocket(0);
        acceptor = new Thread(() -> {
            while (!hanging.isClosed()) {
                try {
                    held.add(hanging.accept()); // accept, hold, never read or answer
                } catch (IOException e) {
                    return;
                }
            }
        }, "hanging-agent");
        acceptor.setDaemon(true);
        acceptor.start();
        int refused;
        try (ServerSocket socket = new ServerSocket(0)) {
            refused = socket.getLocalPort();
        }
        Map<String, String> workerProps = new HashMap<>(pki.workerProps(
                "https://localhost:" + hanging.getLocalPort() + ",https://localhost:" + refused));
        workerProps.put("rest.extension.classes", MetadataEventsRestExtension.class.getName());
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put(MetadataEventsConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        workerProps.put(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG, "500");
        workerProps.put(MetadataEventsConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "500");
        connect = new EmbeddedConnectCluster.Builder().name("usm-isolation-test").numWorkers(1).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
        connect.kafka().createTopic("isolation-topic", 1);
    }

    @AfterAll
    static void stop() throws IOException {
        if (connect != null) {
            connect.stop();
        }
        hanging.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    @Order(1)
    void restCallsKeepTheirLatencyAndConnectorsRunWhileTheAgentHangsOrRefuses() throws Exception {
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "isolated-" + i;
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", FileStreamSourceConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("file", Files.createFile(dir.resolve(name + ".txt")).toString());
            config.put("topic", "isolation-topic");
            durations.add(timed(() -> connect.configureConnector(name, config)));
        }
        for (int i = 0; i < 5; i++) {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("isolated-" + i, 1, "not running");
        }
        for (int round = 0; round < 10; round++) {
            durations.add(timed(() -> connect.pauseConnector("isolated-0")));
            durations.add(timed(() -> connect.resumeConnector("isolated-0")));
            durations.add(timed(() -> connect.connectors()));
        }
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("isolated-0", 1, "not running");

        // The extension really was trying: the hanging agent was contacted.
        assertThat(held).isNotEmpty();
        assertThat(durations).allSatisfy(d -> assertThat(d).isLessThan(REST_BUDGET));
    }

    @Test
    @Order(2)
    void stoppingTheWorkerStopsEveryThreadOfTheExtensionWithinTheCloseDeadline() throws Exception {
        assertThat(extensionThreads()).isNotEmpty();

        Duration stop = timed(() -> connect.stop());
        connect = null;

        // Close: observer ≤ 2 s, then one last delivery attempt ≤ request timeout (5 s) + 1 s; the worker's
        // own shutdown comes on top. Threads must be gone, not merely idle.
        await("every thread of the extension gone after the worker stopped").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).dontCatchUncaughtExceptions()
                .untilAsserted(() -> assertThat(extensionThreads()).isEmpty());
        assertThat(stop).isLessThan(Duration.ofSeconds(30));
    }

    private static List<String> extensionThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("connect-usm-metadata-events")).toList();
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
