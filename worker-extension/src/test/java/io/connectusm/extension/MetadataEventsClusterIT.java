package io.connectusm.extension;

import io.connectusm.testkit.LogCapture;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;
import io.connectusm.events.TaskSnapshot;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One real KRaft broker and one real Connect worker running the extension, reporting to a real mTLS receiver:
 * what a user does over REST, and what the receiver then holds.
 */
class MetadataEventsClusterIT {

    /** The first line of a captured event: level, logger (testkit's LogCapture format). */
    private static final Pattern LOG_EVENT = Pattern.compile("(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL) (\\S+) ");

    static final String GROUP_ID = "connect-usm-cluster-test";
    /** Generous: the extension aims at well under a second for REST changes. */
    static final Duration REST_CHANGE_DEADLINE = Duration.ofSeconds(10);
    static final Duration RECONCILE_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static WorkerPki pki;
    static RecordingHttpsReceiver receiver;
    static LogCapture logs;
    static EmbeddedConnectCluster connect;
    static final Canaries canaries = new Canaries(42);
    static final List<String> latencies = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        pki = WorkerPki.create(dir, GROUP_ID);
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        logs = new LogCapture();
        Map<String, String> workerProps = pki.embeddedWorkerProps(receiver.baseUrl(), GROUP_ID);
        workerProps.put(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG, "1000");
        workerProps.put(MetadataEventsConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        connect = new EmbeddedConnectCluster.Builder()
                .name("usm-cluster-test")
                .numWorkers(1)
                .numBrokers(1)
                .workerProps(workerProps)
                .build();
        connect.start();
        connect.kafka().createTopic("source-topic", 1);
        connect.kafka().createTopic("sink-topic", 1);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            receiver.close();
            logs.close();
            Path measured = Path.of("target", "measured-latency.txt");
            Files.createDirectories(measured.getParent());
            List<String> table = new ArrayList<>();
            table.add("| step | REST call returned (ms) | effect visible in the worker's REST API (ms) "
                    + "| event at the receiver (ms) |");
            table.add("|---|---|---|---|");
            table.addAll(latencies);
            Files.write(measured, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    @AfterEach
    void agentHealthyAgain() {
        receiver.answer(204);
    }

    private static Map<String, String> fileSourceWithSecrets(Path file) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", "source-topic");
        config.put("transforms", "sign");
        config.put("transforms.sign.type", SecretHoldingTransform.class.getName());
        config.put("transforms.sign.signing.material", canaries.any());
        config.put("transforms.sign.label", "visible-label");
        config.put("value.converter", SecretHoldingConverter.class.getName());
        config.put("value.converter.registry.key.material", canaries.any());
        config.put("producer.override.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
                        + canaries.urlSafe() + "\";");
        config.put("db.password", canaries.any());
        config.put("connection.url", "jdbc:postgresql://alice:" + canaries.urlSafe() + "@db:5432/app");
        return config;
    }

    private static final Set<String> FILE_SOURCE_MASKED_KEYS = Set.of("transforms.sign.signing.material",
            "value.converter.registry.key.material", "producer.override.sasl.jaas.config", "db.password");

    private static Predicate<MetadataEvent> snapshotOf(String name, Predicate<ConnectorSnapshot> condition) {
        return event -> name.equals(event.subject()) && event.payload() instanceof ConnectorSnapshot snapshot
                && condition.test(snapshot);
    }

    private static List<MetadataEvent> eventsOf(String name) {
        return receiver.acceptedEvents().stream().filter(e -> name.equals(e.subject())).toList();
    }

    /**
     * Makes the REST call, waits until the worker's own REST API shows its effect ({@code visible}, polled every
     * few ms) and for the event it should cause; records both delays from the start of the call.
     */
    private static RecordingHttpsReceiver.Arrival afterRestCall(String what, Runnable call,
                                                                Predicate<MetadataEvent> expected,
                                                                BooleanSupplier visible) throws InterruptedException {
        Instant start = Instant.now();
        call.run();
        Instant returned = Instant.now();
        try {
            await(what + " visible in the worker's REST API").atMost(REST_CHANGE_DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).dontCatchUncaughtExceptions().until(() -> isTrue(visible));
        } catch (ConditionTimeoutException notShown) {
            // Measured, not required: the row then shows the deadline; the event awaited below is what is required.
        }
        Instant shown = Instant.now();
        RecordingHttpsReceiver.Arrival arrival = receiver.awaitEvent(
                expected.and(e -> !e.time().isBefore(start.minusMillis(5))), REST_CHANGE_DEADLINE, what);
        latencies.add(String.format("| %s | %d | %d | %d |", what, Duration.between(start, returned).toMillis(),
                Duration.between(start, shown).toMillis(), Duration.between(start, arrival.at()).toMillis()));
        return arrival;
    }

    /** A REST probe that fails (e.g. 500 "rebalance is expected", 404 while creating) has not seen it yet. */
    private static boolean isTrue(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BooleanSupplier restShows(String name, Predicate<ConnectorStateInfo> condition) {
        return () -> condition.test(connect.connectorStatus(name));
    }

    @Test
    void reportsEveryLifecycleStepOfAConnectorInOrderWithItsSecretsMasked() throws Exception {
        String name = "lifecycle-source";
        Path file = Files.createFile(dir.resolve("lifecycle-in.txt"));

        RecordingHttpsReceiver.Arrival created = afterRestCall("create", () ->
                connect.configureConnector(name, fileSourceWithSecrets(file)),
                snapshotOf(name, s -> s.cause() == ChangeCause.CREATED),
                restShows(name, status -> status.connector() != null));
        assertThat(created.event().cluster().connectClusterId()).isEqualTo(GROUP_ID);
        assertThat(created.event().cluster().kafkaClusterId()).isNotBlank();
        receiver.awaitEvent(snapshotOf(name, s -> s.state() == ConnectorState.RUNNING && s.tasks().size() == 1
                && s.tasks().get(0).state() == ConnectorState.RUNNING), REST_CHANGE_DEADLINE, "running");

        afterRestCall("pause", () -> connect.pauseConnector(name),
                snapshotOf(name, s -> s.state() == ConnectorState.PAUSED),
                restShows(name, status -> "PAUSED".equals(status.connector().state())));
        afterRestCall("resume", () -> connect.resumeConnector(name),
                snapshotOf(name, s -> s.state() == ConnectorState.RUNNING),
                restShows(name, status -> "RUNNING".equals(status.connector().state())));
        String fingerprintBefore = ((ConnectorSnapshot) eventsOf(name).get(eventsOf(name).size() - 1).payload())
                .configFingerprint();
        afterRestCall("config update (PATCH)", () -> connect.patchConnectorConfig(name,
                        Map.of("topic", "source-topic-2")),
                snapshotOf(name, s -> s.cause() == ChangeCause.CONFIG_UPDATED
                        && "source-topic-2".equals(s.config().get("topic"))),
                () -> "source-topic-2".equals(connect.connectorInfo(name).config().get("topic")));
        afterRestCall("stop", () -> connect.stopConnector(name),
                snapshotOf(name, s -> s.state() == ConnectorState.STOPPED),
                restShows(name, status -> "STOPPED".equals(status.connector().state())));
        afterRestCall("resume after stop", () -> connect.resumeConnector(name),
                snapshotOf(name, s -> s.state() == ConnectorState.RUNNING && !s.tasks().isEmpty()),
                restShows(name, status -> "RUNNING".equals(status.connector().state())
                        && !status.tasks().isEmpty()));
        connect.restartConnectorAndTasks(name, false, true, false);
        afterRestCall("delete", () -> connect.deleteConnector(name),
                event -> name.equals(event.subject()) && event.payload() instanceof ConnectorDeleted,
                () -> !connect.connectors().contains(name));

        List<MetadataEvent> events = eventsOf(name);
        // Order per connector: one emitter, so sequence numbers rise in arrival order.
        assertThat(events).extracting(MetadataEvent::sequence).isSorted();
        List<String> steps = events.stream().map(e -> e.payload() instanceof ConnectorSnapshot s
                ? s.state().name() : "DELETED").collect(Collectors.toList());
        assertThat(steps).containsSubsequence("RUNNING", "PAUSED", "RUNNING", "STOPPED", "RUNNING", "DELETED");
        assertThat(steps.get(steps.size() - 1)).isEqualTo("DELETED");

        List<ConnectorSnapshot> snapshots = events.stream().map(MetadataEvent::payload)
                .filter(ConnectorSnapshot.class::isInstance).map(ConnectorSnapshot.class::cast).toList();
        assertThat(snapshots.get(0).cause()).isEqualTo(ChangeCause.CREATED);
        assertThat(snapshots).extracting(ConnectorSnapshot::configFingerprint).contains(fingerprintBefore);
        for (ConnectorSnapshot snapshot : snapshots) {
            assertThat(snapshot.maskedKeys()).containsAll(FILE_SOURCE_MASKED_KEYS);
            FILE_SOURCE_MASKED_KEYS.forEach(key -> assertThat(snapshot.config()).containsEntry(key, MASKED_VALUE));
            assertThat(snapshot.config()).containsEntry("transforms.sign.label", "visible-label")
                    .containsEntry("connection.url", "jdbc:postgresql://alice:" + MASKED_VALUE + "@db:5432/app");
        }
        assertThat(canaries.leakedInto(receiver.allBytesAsText())).isEmpty();
        assertThat(canaries.leakedInto(loggedByTheWorkerAndUs())).isEmpty();
    }

    @Test
    void reportsATaskFailureThatRestNeverSees() throws Exception {
        String name = "failing-sink";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "sink-topic");
        // The task opens the file when it starts: a missing directory fails it, after the REST call returned.
        config.put("file", dir.resolve("no-such-directory").resolve("out.txt").toString());
        connect.configureConnector(name, config);

        ConnectorSnapshot failed = (ConnectorSnapshot) receiver.awaitEvent(snapshotOf(name, s -> s.tasks().size() == 1
                && s.tasks().get(0).state() == ConnectorState.FAILED), RECONCILE_DEADLINE, "failed task").event()
                .payload();
        TaskSnapshot task = failed.tasks().get(0);
        assertThat(task.trace()).contains("no-such-directory");
        assertThat(task.workerId()).isNotBlank();
        assertThat(failed.state()).isEqualTo(ConnectorState.RUNNING);
        connect.deleteConnector(name);
    }

    @Test
    void reportsATaskCountChange() throws Exception {
        String name = "shrinking-sink";
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", "sink-topic");
        config.put("file", dir.resolve("shrinking-out.txt").toString());
        connect.configureConnector(name, config);
        receiver.awaitEvent(snapshotOf(name, s -> s.tasks().size() == 2), RECONCILE_DEADLINE, "two tasks");

        connect.patchConnectorConfig(name, Map.of("tasks.max", "1"));

        ConnectorSnapshot shrunk = (ConnectorSnapshot) receiver.awaitEvent(snapshotOf(name,
                s -> s.tasks().size() == 1 && "1".equals(s.config().get("tasks.max"))), RECONCILE_DEADLINE,
                "one task").event().payload();
        assertThat(shrunk.cause()).isIn(ChangeCause.TASKS_CHANGED, ChangeCause.CONFIG_UPDATED);
        connect.deleteConnector(name);
    }

    @Test
    void masksEveryPasswordKeyOfMirrorSourceConnector() throws Exception {
        String name = "mirror-source";
        Set<String> passwordKeys = new MirrorSourceConnector().config().configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).collect(Collectors.toSet());
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "MirrorSourceConnector");
        config.put("source.cluster.alias", "upstream");
        config.put("target.cluster.alias", "local");
        config.put("source.cluster.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("target.cluster.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("topics", "nothing-matches-this");
        config.put("offset-syncs.topic.replication.factor", "1");
        passwordKeys.forEach(key -> config.put(key, canaries.any()));
        connect.configureConnector(name, config);

        ConnectorSnapshot snapshot = (ConnectorSnapshot) receiver.awaitEvent(snapshotOf(name, s -> true),
                REST_CHANGE_DEADLINE, "mirror snapshot").event().payload();

        assertThat(passwordKeys).hasSize(9);
        assertThat(snapshot.maskedKeys()).containsAll(passwordKeys);
        assertThat(snapshot.config()).containsEntry("source.cluster.alias", "upstream");
        assertThat(canaries.leakedInto(receiver.allBytesAsText())).isEmpty();
        connect.deleteConnector(name);
    }

    @Test
    void keepsChangesWhileTheAgentFailsOrRejectsAndDeliversOnceTheClusterIsRegistered() throws Exception {
        String name = "late-registration";
        Path file = Files.createFile(dir.resolve("late-in.txt"));
        receiver.answer(500);
        connect.configureConnector(name, fileSourceWithSecrets(file));
        awaitRequestAnswered(500, name);
        receiver.answer(403);
        awaitRequestAnswered(403, name);
        awaitLogLine("a WARN that " + GROUP_ID + " is not registered",
                line -> line.startsWith("WARN") && line.contains("not registered") && line.contains(GROUP_ID));
        connect.pauseConnector(name);

        receiver.answer(204);

        receiver.awaitEvent(snapshotOf(name, s -> s.state() == ConnectorState.PAUSED), RECONCILE_DEADLINE,
                "paused snapshot after registration");
        List<String> states = eventsOf(name).stream().map(e -> ((ConnectorSnapshot) e.payload()).state().name())
                .toList();
        assertThat(states.get(0)).isIn("UNASSIGNED", "RUNNING");
        assertThat(states.get(states.size() - 1)).isEqualTo("PAUSED");
        assertThat(canaries.leakedInto(loggedByTheWorkerAndUs())).isEmpty();
        connect.deleteConnector(name);
    }

    @Test
    void noCanaryOfManyConnectorsCreatedThroughTheWorkerLeaksToTheWireOrTheLogs() throws Exception {
        int logsFrom = logs.lines().size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "canary-" + i;
            names.add(name);
            Path file = Files.createFile(dir.resolve(name + ".txt"));
            connect.configureConnector(name, fileSourceWithSecrets(file));
        }
        for (String name : names) {
            receiver.awaitEvent(snapshotOf(name, s -> s.maskedKeys().containsAll(FILE_SOURCE_MASKED_KEYS)),
                    RECONCILE_DEADLINE, "snapshot of " + name);
        }
        for (String name : names) {
            connect.deleteConnector(name);
        }
        for (String name : names) {
            receiver.awaitEvent(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorDeleted,
                    RECONCILE_DEADLINE, "deletion of " + name);
        }
        // Enough was issued and sent for the scan to mean something.
        assertThat(canaries.issued().size()).isGreaterThanOrEqualTo(20 * 5);
        assertThat(canaries.leakedInto(receiver.allBytesAsText())).isEmpty();
        assertThat(canaries.leakedInto(loggedByTheWorkerAndUs())).isEmpty();
        // Each create and delete on this one-worker cluster makes the herder rebalance, and reads fail
        // meanwhile: normal operation, which must not show the operator a single WARN (or ERROR) of ours.
        List<String> lines = logs.lines();
        List<String> ours = lines.subList(logsFrom, lines.size()).stream()
                .filter(line -> line.startsWith("WARN io.connectusm") || line.startsWith("ERROR io.connectusm"))
                .toList();
        assertThat(ours).isEmpty();
    }

    @Test
    void sendsAClusterInventoryAtStart() throws Exception {
        MetadataEvent inventory = receiver.awaitEvent(e -> e.payload() instanceof ClusterInventory,
                RECONCILE_DEADLINE, "inventory").event();
        assertThat(inventory.subject()).isNull();
        assertThat(inventory.cluster().connectClusterId()).isEqualTo(GROUP_ID);
    }

    @Test
    void sendsTheWorkersPluginList() throws Exception {
        WorkerPlugins plugins = (WorkerPlugins) receiver.awaitEvent(e -> e.payload() instanceof WorkerPlugins,
                RECONCILE_DEADLINE, "plugin list").event().payload();
        assertThat(plugins.kafkaVersion()).isEqualTo("4.3.1");
        assertThat(plugins.plugins()).extracting(PluginDescriptor::className)
                .contains(FileStreamSourceConnector.class.getName(), SecretHoldingTransform.class.getName(),
                        MirrorSourceConnector.class.getName());
    }

    /**
     * Every line captured (every logger, every level, with the continuation lines of each event) but those of two
     * loggers that print the HTTP traffic itself, which holds the canaries because the test sends them: Kafka's
     * {@code EmbeddedConnectCluster} (the test's REST client logs each payload and answer) and Jetty (at DEBUG it
     * prints excerpts of every buffer the test's client writes and the worker's REST server reads). Connect's
     * runtime loggers and ours are all in.
     */
    private static String loggedByTheWorkerAndUs() {
        StringBuilder kept = new StringBuilder();
        boolean wire = false;
        for (String line : logs.lines()) {
            Matcher event = LOG_EVENT.matcher(line);
            if (event.lookingAt()) {
                wire = event.group(1).startsWith("org.apache.kafka.connect.util.clusters.")
                        || event.group(1).startsWith("org.eclipse.jetty.");
            }
            if (!wire) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static void awaitLogLine(String description, Predicate<String> condition) {
        await("log line: " + description).atMost(RECONCILE_DEADLINE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).dontCatchUncaughtExceptions()
                .until(() -> logs.lines().stream().anyMatch(condition));
    }

    /** Until the receiver answered {@code status} to a request with an event about {@code subject}. */
    private static void awaitRequestAnswered(int status, String subject) {
        await("a request about " + subject + " answered " + status).atMost(RECONCILE_DEADLINE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).dontCatchUncaughtExceptions()
                .until(() -> receiver.requests().stream()
                        .filter(r -> r.events().stream().anyMatch(e -> subject.equals(e.subject())))
                        .map(RecordingHttpsReceiver.Received::answeredStatus).toList(), // statuses answered so far
                        answered -> answered.contains(status));
    }
}
