package io.connectusm.extension;

import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.LogCapture;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes found through the worker's config and status topics ({@code change.detection=topics}, the default): three
 * workers whose reconcile passes run once a minute, so that whatever arrives within seconds was found by the feed —
 * a create, a config change (a call that at least one of the three workers never saw: it reaches only the worker
 * serving it and the leader), a task failure no REST call sees. A deletion is reported once per worker although
 * both the REST filter and the config topic's tombstone report it. And in all of it, not one request to a herder's
 * tick thread (the extension's {@code Herder request} TRACE lines, captured at every level).
 */
class ChangeFeedClusterIT {

    /** Far shorter than a reconcile interval: only the feed can be this fast. */
    static final Duration FEED_DEADLINE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static RecordingHttpsReceiver receiver;
    static EmbeddedConnectCluster connect;
    static LogCapture logs;

    @BeforeAll
    static void start() throws IOException {
        WorkerPki pki = WorkerPki.create(dir, "usm-feed");
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        logs = new LogCapture();
        Map<String, String> workerProps = pki.embeddedWorkerProps(receiver.baseUrl(), "usm-feed");
        workerProps.put(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG, "60000");
        connect = new EmbeddedConnectCluster.Builder().name("usm-feed").numWorkers(3).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
        connect.kafka().createTopic("feed-topic", 1);
        connect.kafka().createTopic("feed-sink-topic", 1);
    }

    @AfterAll
    static void stop() {
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            receiver.close();
            logs.close();
        }
    }

    private static List<String> workerIds() {
        return connect.workers().stream().map(WorkerHandle::url).map(url -> url.getHost() + ":" + url.getPort())
                .toList();
    }

    private static void awaitFromEveryWorker(String description, Predicate<MetadataEvent> event) {
        for (String workerId : workerIds()) {
            await(description + " from " + workerId).atMost(FEED_DEADLINE).pollInterval(Duration.ofMillis(20))
                    .until(() -> receiver.acceptedEvents().stream()
                            .anyMatch(e -> workerId.equals(e.workerId()) && event.test(e)));
        }
    }

    private static Predicate<MetadataEvent> snapshotOf(String name, Predicate<ConnectorSnapshot> matching) {
        return e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s && matching.test(s);
    }

    private static Map<String, String> source(String name) throws IOException {
        Path file = Files.createFile(dir.resolve(name + ".txt"));
        return new HashMap<>(Map.of("connector.class", FileStreamSourceConnector.class.getName(), "tasks.max", "1",
                "file", file.toString(), "topic", "feed-topic"));
    }

    private static List<String> herderRequests() {
        return logs.lines().stream().filter(line -> line.contains("Herder request")).toList();
    }

    @Test
    void aCreateAndAConfigChangeReachEveryWorkersReportsWithinSeconds() throws Exception {
        String name = "feed-source";
        Map<String, String> config = source(name);
        connect.configureConnector(name, config);
        awaitFromEveryWorker("creation", snapshotOf(name, s -> s.state() == ConnectorState.RUNNING));

        String moved = Files.createFile(dir.resolve("feed-source-2.txt")).toString();
        config.put("file", moved);
        connect.configureConnector(name, config);
        awaitFromEveryWorker("config change", snapshotOf(name, s -> moved.equals(s.config().get("file"))));
        assertThat(herderRequests()).isEmpty();
    }

    @Test
    void aTaskFailureNoRestCallSeesIsReportedByEveryWorkerWithinSeconds() {
        String name = "feed-failing-sink";
        connect.configureConnector(name, Map.of("connector.class", FileStreamSinkConnector.class.getName(),
                "tasks.max", "1", "topics", "feed-sink-topic", "file", dir.resolve("sink.txt").toString(),
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false"));
        awaitFromEveryWorker("running sink", snapshotOf(name, s -> s.tasks().size() == 1
                && s.tasks().get(0).state() == ConnectorState.RUNNING));
        connect.kafka().produce("feed-sink-topic", "this is not JSON");
        awaitFromEveryWorker("failed task", snapshotOf(name, s -> s.tasks().size() == 1
                && s.tasks().get(0).state() == ConnectorState.FAILED && s.tasks().get(0).trace() != null));
        assertThat(herderRequests()).isEmpty();
    }

    @Test
    void aDeletionIsReportedOncePerWorker() throws Exception {
        String name = "feed-deleted";
        connect.configureConnector(name, source(name));
        awaitFromEveryWorker("creation", snapshotOf(name, s -> s.state() == ConnectorState.RUNNING));
        connect.deleteConnector(name);
        awaitFromEveryWorker("deletion", e -> name.equals(e.subject()) && e.payload() instanceof ConnectorDeleted);
        // Both the REST filter (on the worker that served the DELETE, and the leader) and the config topic's
        // tombstone (on every worker) report it; a second report would show up within this wait.
        Thread.sleep(3_000);
        for (String workerId : workerIds()) {
            assertThat(receiver.acceptedEvents()).filteredOn(e -> workerId.equals(e.workerId())
                    && name.equals(e.subject()) && e.payload() instanceof ConnectorDeleted).as(workerId).hasSize(1);
        }
        assertThat(herderRequests()).isEmpty();
    }
}
