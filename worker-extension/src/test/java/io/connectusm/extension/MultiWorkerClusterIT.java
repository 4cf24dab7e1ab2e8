package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three workers, each reporting the whole cluster: every change reaches the receiver from every live worker,
 * duplicates carry the same fingerprint and state, and stopping the worker that runs the connector loses
 * no change (the survivors report both the rebalance and later REST changes). The workers poll the herder
 * ({@code change.detection=polling}, what a worker without config and status topics does, or one whose feed failed):
 * the same guarantees as with the feed ({@link ChangeFeedClusterIT}), found by comparing every connector's state
 * each pass and by the resync slices' config sweep.
 */
class MultiWorkerClusterIT {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static RecordingHttpsReceiver receiver;
    static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() throws IOException {
        WorkerPki pki = WorkerPki.create(dir, "usm-multi-worker");
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        Map<String, String> workerProps = pki.embeddedWorkerProps(receiver.baseUrl(), "usm-multi-worker");
        // Reassign a departed worker's connectors at once instead of after 5 minutes.
        workerProps.put("scheduled.rebalance.max.delay.ms", "0");
        workerProps.put(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG, "1000");
        workerProps.put(MetadataEventsConfig.CHANGE_DETECTION_CONFIG, MetadataEventsConfig.CHANGE_DETECTION_POLLING);
        // The config sweep re-reads every config once per resync interval: a config change made through another
        // worker whose restart the status does not show is found within it.
        workerProps.put(MetadataEventsConfig.RESYNC_INTERVAL_MS_CONFIG, "10000");
        connect = new EmbeddedConnectCluster.Builder().name("usm-multi-worker").numWorkers(3).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
        connect.kafka().createTopic("multi-topic", 3);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        receiver.close();
    }

    private static List<ConnectorSnapshot> snapshotsFrom(String name, String workerId) {
        return receiver.acceptedEvents().stream()
                .filter(e -> name.equals(e.subject()) && e.workerId().equals(workerId))
                .map(MetadataEvent::payload).filter(ConnectorSnapshot.class::isInstance)
                .map(ConnectorSnapshot.class::cast).toList();
    }

    @Test
    void everyWorkerReportsEveryChangeAndStoppingTheConnectorsWorkerLosesNone() throws Exception {
        String name = "multi-sink";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSinkConnector.class.getName());
        config.put("tasks.max", "3");
        config.put("topics", "multi-topic");
        config.put("file", dir.resolve("multi-out.txt").toString());
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 3, "not running");

        // Every worker reports the running connector; the duplicates agree on fingerprint and state.
        await("every worker reporting " + name + " running with 3 tasks").atMost(DEADLINE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).dontCatchUncaughtExceptions()
                .untilAsserted(() -> assertThat(receiver.acceptedEvents().stream()
                        .filter(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s
                                && s.state() == ConnectorState.RUNNING && s.tasks().size() == 3)
                        .map(MetadataEvent::workerId).collect(Collectors.toSet())).hasSize(3));
        Set<String> fingerprints = receiver.acceptedEvents().stream()
                .filter(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot)
                .map(e -> ((ConnectorSnapshot) e.payload()).configFingerprint()).collect(Collectors.toSet());
        assertThat(fingerprints).hasSize(1);

        // Stop the worker running the connector: a change REST never sees.
        String runningOn = connect.connectorStatus(name).connector().workerId();
        WorkerHandle victim = connect.workers().stream()
                .filter(w -> w.url().getPort() == Integer.parseInt(runningOn.substring(runningOn.lastIndexOf(':') + 1)))
                .findFirst().orElseThrow();
        connect.removeWorker(victim);
        receiver.awaitEvent(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s
                        && s.state() == ConnectorState.RUNNING && s.workerId() != null && !s.workerId().equals(runningOn),
                DEADLINE, "connector reassigned away from " + runningOn);

        // A config change through one worker reaches every survivor's reports: the worker serving the call from
        // its REST filter, the others from the restart it causes (a state change) or the config sweep of the
        // resync slices, since a reconcile pass does not read every config.
        String newFile = dir.resolve("multi-out-2.txt").toString();
        connect.patchConnectorConfig(name, Map.of("file", newFile));
        for (WorkerHandle survivor : connect.workers()) {
            String survivorId = survivor.url().getHost() + ":" + survivor.url().getPort();
            receiver.awaitEvent(e -> name.equals(e.subject()) && survivorId.equals(e.workerId())
                    && e.payload() instanceof ConnectorSnapshot s && newFile.equals(s.config().get("file")),
                    DEADLINE, "config change reported by " + survivorId);
        }

        // A REST change after the loss still arrives, from every survivor.
        connect.pauseConnector(name);
        for (WorkerHandle survivor : connect.workers()) {
            String survivorId = survivor.url().getHost() + ":" + survivor.url().getPort();
            receiver.awaitEvent(e -> name.equals(e.subject()) && survivorId.equals(e.workerId())
                    && e.payload() instanceof ConnectorSnapshot s && s.state() == ConnectorState.PAUSED,
                    DEADLINE, "paused reported by " + survivorId);
        }
        assertThat(snapshotsFrom(name, runningOn)).isNotEmpty();
    }
}
