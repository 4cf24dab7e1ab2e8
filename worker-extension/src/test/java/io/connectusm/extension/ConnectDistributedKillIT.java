package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Killing any one worker loses no change": three {@code ConnectDistributed} JVMs (plugin from the ZIP in
 * {@code plugin.path}) share one KRaft broker; a connector is created through the REST API of worker A, the
 * group leader (so the call is not forwarded to a survivor), and A is killed like {@code kill -9} as soon as the
 * call returns, before its own extension can be relied on to have sent anything. The change must still reach
 * the receiver, reported by a surviving worker.
 *
 * <p>The workers listen on {@code http://:port} (no host), so this also checks that the extension's
 * {@code workerid} is exactly the worker ID Connect reports in connector states.
 */
class ConnectDistributedKillIT {

    static final int WORKERS = 3;
    /** Generous: the survivors need the dead member's session timeout, a rebalance and a reconcile pass. */
    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern WORKER_ID = Pattern.compile("\"worker_id\":\"([^\"]+)\"");
    private static final Pattern LEADER_URL = Pattern.compile("leaderUrl='[a-zA-Z]+://[^']*:(\\d+)/?'");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aChangeMadeThroughAWorkerKilledRightAfterReachesTheReceiverFromASurvivor() throws Exception {
        Path plugins = ConnectWorkerProcess.unzipPlugin(dir);
        WorkerPki pki = WorkerPki.create(dir.resolve("sslcerts"), "connect-usm-kill-it");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        List<ConnectWorkerProcess> workers = new ArrayList<>();
        try (RecordingHttpsReceiver receiver = new RecordingHttpsReceiver(pki.serverContext())) {
            kafka.createTopic("kill-topic", 1);
            for (int i = 0; i < WORKERS; i++) {
                int port = ConnectWorkerProcess.freePort();
                List<String> properties = new ArrayList<>(ConnectWorkerProcess.clusterProperties(
                        kafka.bootstrapServers(), "connect-usm-kill-it", "http://:" + port, plugins));
                // Notice a dead member within seconds (the broker's minimum) and reassign its work at once.
                properties.add("session.timeout.ms=6000");
                properties.add("heartbeat.interval.ms=1000");
                properties.add("scheduled.rebalance.max.delay.ms=0");
                properties.add(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG + "=1000");
                pki.workerProps(receiver.baseUrl()).forEach((key, value) -> properties.add(key + "=" + value));
                workers.add(ConnectWorkerProcess.start(dir, "worker-" + i, properties, port));
            }
            for (ConnectWorkerProcess worker : workers) {
                worker.awaitRest(DEADLINE);
            }

            // Before the kill: every worker reports under the ID Connect itself gives it.
            Path warmupFile = Files.createFile(dir.resolve("warmup.txt"));
            ConnectWorkerProcess first = workers.get(0);
            assertThat(first.send("POST", "/connectors", source("kill-warmup", warmupFile)).statusCode())
                    .isEqualTo(201);
            String warmupRunsOn = awaitConnectorWorkerId(first, "kill-warmup");
            receiver.awaitEvent(e -> "kill-warmup".equals(e.subject()) && warmupRunsOn.equals(e.workerId()),
                    DEADLINE, "kill-warmup reported by " + warmupRunsOn + ", the ID in Connect's status");
            String host = warmupRunsOn.substring(0, warmupRunsOn.lastIndexOf(':'));
            Set<String> expectedIds = workers.stream().map(w -> host + ":" + w.restBase()
                    .substring(w.restBase().lastIndexOf(':') + 1)).collect(Collectors.toSet());
            await("kill-warmup reported by every worker").atMost(DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).dontCatchUncaughtExceptions()
                    .untilAsserted(() -> assertThat(reporters(receiver, "kill-warmup")).isEqualTo(expectedIds));

            // A is the group leader: a call to any other worker would be forwarded to the leader, whose REST filter
            // would report it at once. Through the leader, no survivor sees the call: they must find the change.
            String leaderPort = leaderPort(workers.get(WORKERS - 1));
            ConnectWorkerProcess a = workers.stream().filter(w -> w.restBase().endsWith(":" + leaderPort)).findFirst()
                    .orElseThrow(() -> new AssertionError("no worker listens on the leader's port " + leaderPort));
            ConnectWorkerProcess survivor = workers.stream().filter(w -> w != a).findFirst().orElseThrow();

            // The change, through A, and A dies as soon as the call returns.
            String aId = host + ":" + leaderPort;
            Path changeFile = Files.createFile(dir.resolve("after-kill.txt"));
            Instant callStarted = Instant.now();
            HttpResponse<String> created = a.send("POST", "/connectors", source("kill-survivor", changeFile));
            a.kill();
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(a.isAlive()).isFalse();

            RecordingHttpsReceiver.Arrival arrival = receiver.awaitEvent(e -> "kill-survivor".equals(e.subject())
                    && !aId.equals(e.workerId()) && e.payload() instanceof ConnectorSnapshot, DEADLINE,
                    "kill-survivor reported by a survivor of " + aId);
            MetadataEvent reported = arrival.event();
            // For the docs, not asserted: how long the change went unreported.
            System.out.printf("kill-survivor: %s killed; %s reported it %d ms after the call started%n", aId,
                    reported.workerId(), Duration.between(callStarted, arrival.at()).toMillis());
            ConnectorSnapshot snapshot = (ConnectorSnapshot) reported.payload();
            assertThat(snapshot.config()).containsEntry("file", changeFile.toString());
            assertThat(expectedIds).contains(reported.workerId());
            // The survivors' cluster holds the change too: it was not lost in Kafka, only its first reporter was. The
            // survivor may answer 500 (its request timed out) while the group still rebalances after the leader died.
            await("a survivor serving kill-survivor").atMost(DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500)).dontCatchUncaughtExceptions()
                    .untilAsserted(() -> assertThat(survivor.send("GET", "/connectors/kill-survivor", null)
                            .statusCode()).isEqualTo(200));
        } finally {
            for (ConnectWorkerProcess worker : workers) {
                worker.close();
            }
            kafka.stop();
        }
    }

    /** The leader's REST port, from the last assignment the worker logged ({@code leaderUrl='http://h:p/'}). */
    private static String leaderPort(ConnectWorkerProcess worker) throws IOException {
        Matcher url = LEADER_URL.matcher(Files.readString(worker.log()));
        String port = null;
        while (url.find()) {
            port = url.group(1);
        }
        if (port == null) {
            throw new AssertionError("no assignment with a leaderUrl in the worker's log: " + worker.tail());
        }
        return port;
    }

    private static String source(String name, Path file) {
        return "{\"name\":\"" + name + "\",\"config\":{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
                + "\"file\":\"" + file + "\",\"topic\":\"kill-topic\"}}";
    }

    private static Set<String> reporters(RecordingHttpsReceiver receiver, String name) {
        return receiver.acceptedEvents().stream().filter(e -> name.equals(e.subject()))
                .map(MetadataEvent::workerId).collect(Collectors.toSet());
    }

    /** The worker ID Connect reports for the connector once it runs somewhere. */
    private static String awaitConnectorWorkerId(ConnectWorkerProcess worker, String name) {
        // The last status seen (code and body: state and worker_id, no secret in this test) is in a timeout's message.
        String status = await("connector " + name + " running, with its worker_id in Connect's status").atMost(DEADLINE)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).dontCatchUncaughtExceptions()
                .until(() -> {
                    HttpResponse<String> response = worker.send("GET", "/connectors/" + name + "/status", null);
                    return response.statusCode() + " " + response.body();
                }, seen -> seen.startsWith("200 ") && seen.contains("\"RUNNING\"") && WORKER_ID.matcher(seen).find());
        return WORKER_ID.matcher(status).results().findFirst().orElseThrow().group(1);
    }
}
