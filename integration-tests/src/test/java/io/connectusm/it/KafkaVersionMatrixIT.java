package io.connectusm.it;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TraceMode;
import io.connectusm.events.WorkerPlugins;
import io.connectusm.extension.ConnectWorkerProcess;
import io.connectusm.extension.RecordingHttpsReceiver;
import io.connectusm.extension.WorkerPki;
import io.connectusm.it.connector.FailingSinkConnector;
import io.connectusm.it.connector.VaultSourceConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same plugin ZIP on stock {@code ConnectDistributed} workers of every Kafka version of the matrix
 * ({@code kafka.matrix.versions}: 3.9.2 and 4.4.0 in every build, 3.9.2, 4.0.0, 4.1.1, 4.2.0, 4.3.1 and 4.4.0 with
 * {@code -Pkafka-matrix}), each a JVM of its own on the class path Maven resolved for that version
 * ({@link KafkaRuntime}), with nothing changed but {@code plugin.path} and the worker properties — once as
 * documented, once as Confluent's tooling writes them ({@link WorkerPropertiesStyle}). Per worker: create a source
 * connector whose secret only its PASSWORD type reveals, PUT its config, pause, resume, create a sink whose task fails,
 * a MirrorSourceConnector where that version's connect-mirror is served, delete; every step must reach a real mTLS
 * receiver, with the secrets masked, and neither secret nor store password may appear on the wire or in the worker's
 * log. One KRaft broker (Kafka {@code kafka.version}, in-process) serves every worker; each worker has its own group.
 *
 * <p>And a worker on which the extension cannot work (a Java runtime without {@code java.net.http}, as a jlink-ed
 * image may be) starts and serves, with one ERROR naming the missing class. Each run's version, properties, outcome
 * and duration go to {@code target/kafka-matrix/results.md} (docs/worker-extension.md quotes them).
 */
class KafkaVersionMatrixIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final List<String> RESULTS = new ArrayList<>();

    static Path root;
    static EmbeddedKafkaCluster kafka;
    static WorkerPki pki;
    static RecordingHttpsReceiver receiver;

    @BeforeAll
    static void startBrokerAndReceiver() throws IOException {
        root = Files.createDirectories(Path.of("target", "kafka-matrix").toAbsolutePath());
        pki = WorkerPki.create(Files.createTempDirectory(root, "pki"), "connect-usm-matrix");
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
    }

    @AfterAll
    static void stopBrokerAndWriteResults() throws IOException {
        try {
            if (kafka != null) {
                kafka.stop();
            }
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            Path results = Path.of(System.getProperty("kafka.matrix.results", "target/kafka-matrix/results.md"));
            Files.createDirectories(results.getParent());
            Files.writeString(results, "| Kafka | worker properties | result | seconds (worker start to last check) |\n"
                    + "|---|---|---|---|\n" + String.join("\n", RESULTS) + "\n");
        }
    }

    static Stream<Arguments> workers() {
        return KafkaRuntime.matrixVersions().stream().flatMap(version -> Stream.of(WorkerPropertiesStyle.values())
                .map(style -> Arguments.of(version, style)));
    }

    @ParameterizedTest(name = "Kafka {0}, {1} properties")
    @MethodSource("workers")
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void reportsEveryChangeWithSecretsMasked(String version, WorkerPropertiesStyle style) throws Exception {
        long started = System.nanoTime();
        String outcome = "FAILED";
        try {
            runWorker(KafkaRuntime.of(version), style);
            outcome = "passed";
        } finally {
            RESULTS.add("| " + version + " | " + style.label() + " | " + outcome + " | "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " |");
        }
    }

    private void runWorker(KafkaRuntime runtime, WorkerPropertiesStyle style) throws Exception {
        String group = "matrix-" + runtime.version().replace('.', '-') + "-" + style.label();
        Path dir = Files.createTempDirectory(root, group + "-");
        String storePassword = new String(pki.client().password());
        int restPort = ConnectWorkerProcess.freePort();
        List<String> properties = new ArrayList<>(workerBasics(runtime, dir, group, restPort));
        properties.addAll(style.properties(pki.client().directory(), receiver.baseUrl(), storePassword));
        try (ConnectWorkerProcess worker = ConnectWorkerProcess.start(dir, "worker", properties, restPort,
                runtime.classpath(), List.of())) {
            worker.awaitRest(DEADLINE);
            Predicate<MetadataEvent> ours = e -> e.cluster().connectClusterId().equals(group);
            int requestsBefore = receiver.requests().size();
            String secret = "CANARY-vault-" + System.nanoTime();
            String namedSecret = "CANARY-db-" + System.nanoTime();
            String topic = group + "-topic";
            kafka.createTopic(topic, 1);

            // create: the PASSWORD-typed key is masked by type, db.password by name
            int mark = receiver.arrivals().size();
            created(worker, "{\"name\":\"vault\",\"config\":{\"connector.class\":\"" + VaultSourceConnector.class.getName()
                    + "\",\"tasks.max\":\"1\",\"topic\":\"" + topic + "\",\"vault.passphrase\":\"" + secret
                    + "\",\"db.password\":\"" + namedSecret + "\"}}");
            ConnectorSnapshot first = snapshot(mark, ours, "vault", s -> s.config().containsKey("vault.passphrase"));
            assertThat(first.config()).containsEntry("vault.passphrase", MASKED_VALUE).containsEntry("db.password",
                    MASKED_VALUE);
            assertThat(first.maskedKeys()).contains("vault.passphrase", "db.password");
            // why, on the wire: the type from the connector's ConfigDef (loaded on this version), the name rule
            assertThat(first.maskReasons()).containsEntry("vault.passphrase", "type").containsEntry("db.password", "name");
            assertThat(first.traceMode()).isEqualTo(TraceMode.SCRUBBED);

            // config PUT
            mark = receiver.arrivals().size();
            HttpResponse<String> put = worker.send("PUT", "/connectors/vault/config", "{\"connector.class\":\""
                    + VaultSourceConnector.class.getName() + "\",\"tasks.max\":\"1\",\"topic\":\"" + topic
                    + "\",\"vault.passphrase\":\"" + secret + "\",\"db.password\":\"" + namedSecret
                    + "\",\"poll.interval.ms\":\"250\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            ConnectorSnapshot updated = snapshot(mark, ours, "vault", s -> "250".equals(s.config().get("poll.interval.ms")));
            assertThat(updated.cause()).isEqualTo(ChangeCause.CONFIG_UPDATED);
            assertThat(updated.config()).containsEntry("vault.passphrase", MASKED_VALUE);

            // pause, resume
            mark = receiver.arrivals().size();
            assertThat(worker.send("PUT", "/connectors/vault/pause", null).statusCode()).isEqualTo(202);
            snapshot(mark, ours, "vault", s -> s.state() == ConnectorState.PAUSED);
            mark = receiver.arrivals().size();
            assertThat(worker.send("PUT", "/connectors/vault/resume", null).statusCode()).isEqualTo(202);
            snapshot(mark, ours, "vault", s -> s.state() == ConnectorState.RUNNING);

            // a task that fails: no REST call reports it, the reconcile pass must; its trace echoes a URL password,
            // which is cut out of the config and scrubbed from the trace
            String traceSecret = "CANARY-trace-" + System.nanoTime();
            String failure = "matrix failure on Kafka " + runtime.version() + " at jdbc:postgresql://app:";
            mark = receiver.arrivals().size();
            created(worker, "{\"name\":\"failing\",\"config\":{\"connector.class\":\"" + FailingSinkConnector.class.getName()
                    + "\",\"tasks.max\":\"1\",\"topics\":\"" + topic + "\",\"failure.message\":\"" + failure + traceSecret
                    + "@db:5432/x\"}}");
            String scrubbed = failure + MASKED_VALUE + "@db:5432/x";
            ConnectorSnapshot failed = snapshot(mark, ours, "failing", s -> s.tasks().stream()
                    .anyMatch(t -> t.state() == ConnectorState.FAILED && t.trace() != null && t.trace().contains(scrubbed)));
            assertThat(failed.state()).isEqualTo(ConnectorState.RUNNING);
            assertThat(failed.maskReasons()).containsEntry("failure.message", "url");

            // MirrorSource's PASSWORD keys, where this version's connect-mirror is served
            String mirrorSecret = "CANARY-mirror-" + System.nanoTime();
            if (runtime.has("connect-mirror")) {
                mark = receiver.arrivals().size();
                created(worker, "{\"name\":\"mirror\",\"config\":{\"connector.class\":\"MirrorSourceConnector\","
                        + "\"source.cluster.alias\":\"upstream\",\"target.cluster.alias\":\"local\","
                        + "\"source.cluster.bootstrap.servers\":\"" + kafka.bootstrapServers() + "\","
                        + "\"target.cluster.bootstrap.servers\":\"" + kafka.bootstrapServers() + "\","
                        + "\"topics\":\"nothing-matches-this\",\"offset-syncs.topic.replication.factor\":\"1\","
                        + "\"ssl.keystore.key\":\"" + mirrorSecret + "\","
                        + "\"source.cluster.ssl.truststore.password\":\"" + mirrorSecret + "\"}}");
                ConnectorSnapshot mirror = snapshot(mark, ours, "mirror", s -> s.config().containsKey("ssl.keystore.key"));
                assertThat(mirror.maskedKeys()).contains("ssl.keystore.key", "source.cluster.ssl.truststore.password");
                assertThat(mirror.maskReasons()).containsEntry("ssl.keystore.key", "type")
                        .containsEntry("source.cluster.ssl.truststore.password", "type");
            }

            // delete
            mark = receiver.arrivals().size();
            assertThat(worker.send("DELETE", "/connectors/vault", null).statusCode()).isEqualTo(204);
            awaitAfter(mark, e -> ours.test(e) && e.payload() instanceof ConnectorDeleted d && d.name().equals("vault"),
                    "deletion of vault on " + runtime);

            // the worker's own plugin list, with the Kafka version the worker runs
            WorkerPlugins plugins = (WorkerPlugins) awaitAfter(0, e -> ours.test(e) && e.payload() instanceof WorkerPlugins,
                    "plugins of " + runtime).payload();
            assertThat(plugins.kafkaVersion()).isEqualTo(runtime.version());
            assertThat(plugins.plugins()).extracting(PluginDescriptor::className)
                    .contains(VaultSourceConnector.class.getName(), FailingSinkConnector.class.getName());

            String log = Files.readString(worker.log());
            // The adapter of this version's JAX-RS namespace marked the REST changes (else only reconcile passes
            // would have found them).
            assertThat(log).contains("REST change filter on " + runtime.jaxRsPackage())
                    .contains("Started metadata events to").contains("Changed through REST: [vault]");
            // Said once at INFO: what this version lacks (ConnectPlugin before 4.3), and that nothing is lost by it.
            assertThat(log).contains(runtime.containsClass("org/apache/kafka/connect/components/ConnectPlugin.class")
                    ? "ConnectPlugin present" : "no ConnectPlugin interface (Kafka < 4.3), not needed");
            assertThat(errorsOfOurs(log)).isEmpty();
            List<RecordingHttpsReceiver.Received> requests = receiver.requests().subList(requestsBefore,
                    receiver.requests().size());
            assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.clientSubject()).contains("CN=connect-usm-matrix"));
            if (style == WorkerPropertiesStyle.CONFLUENT_TOOLING) {
                // api.key=api.secret=dummy: no basic auth, so no credentials on the wire
                assertThat(requests).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("Authorization"));
                assertThat(log).contains("basic auth off: api.key and api.secret are the 'dummy' placeholder");
            }
            for (String leak : List.of(secret, namedSecret, mirrorSecret, storePassword, traceSecret)) {
                assertThat(receiver.allBytesAsText()).doesNotContain(leak);
                // Connect itself logs the failed task's exception, with its message: only our lines must not hold it
                assertThat(leak.equals(traceSecret) ? linesOfOurs(log) : log).doesNotContain(leak);
            }
        }
    }

    /**
     * A worker on which the extension cannot work — a Java runtime without the {@code java.net.http} module, as a
     * jlink-ed image may be — starts and serves its REST API and connectors; the extension logs one ERROR naming
     * the missing class and sends nothing.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerOnWhichTheExtensionCannotWorkStartsAndServes() throws Exception {
        KafkaRuntime runtime = KafkaRuntime.of(KafkaRuntime.matrixVersions().get(0));
        String group = "matrix-broken-" + runtime.version().replace('.', '-');
        Path dir = Files.createTempDirectory(root, group + "-");
        int restPort = ConnectWorkerProcess.freePort();
        List<String> properties = new ArrayList<>(workerBasics(runtime, dir, group, restPort));
        properties.addAll(WorkerPropertiesStyle.DOCUMENTED.properties(pki.client().directory(), receiver.baseUrl(),
                new String(pki.client().password())));
        List<String> withoutJavaNetHttp = List.of("--limit-modules", systemModulesExcept("java.net.http", "java.se"));
        long started = System.nanoTime();
        String outcome = "FAILED";
        try (ConnectWorkerProcess worker = ConnectWorkerProcess.start(dir, "worker", properties, restPort,
                runtime.classpath(), withoutJavaNetHttp)) {
            worker.awaitRest(DEADLINE);
            String topic = group + "-topic";
            kafka.createTopic(topic, 1);
            created(worker, "{\"name\":\"vault\",\"config\":{\"connector.class\":\"" + VaultSourceConnector.class.getName()
                    + "\",\"tasks.max\":\"1\",\"topic\":\"" + topic + "\",\"vault.passphrase\":\"x\"}}");
            awaitRunning(worker, "vault");

            List<String> errors = errorsOfOurs(Files.readString(worker.log()));
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("Connector metadata events are OFF on this worker")
                    .contains("class java.net.http.HttpClient is missing");
            assertThat(receiver.acceptedEvents()).noneMatch(e -> e.cluster().connectClusterId().equals(group));
            outcome = "passed";
        } finally {
            RESULTS.add("| " + runtime.version() + " | documented, on a JVM without java.net.http (extension off) | "
                    + outcome + " | " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " |");
        }
    }

    /** What every worker gets besides the metadata-events block: its group, plugin.path, the REST extension. */
    private static List<String> workerBasics(KafkaRuntime runtime, Path dir, String group, int restPort)
            throws IOException {
        Path plugins = ConnectWorkerProcess.unzipPlugin(dir);
        copyDirectory(Path.of(System.getProperty("test.connector.plugin")), plugins.resolve("connect-usm-test-connector"));
        List<String> basics = new ArrayList<>(ConnectWorkerProcess.clusterProperties(kafka.bootstrapServers(), group,
                "http://localhost:" + restPort, plugins));
        // Every plugin here has ServiceLoader manifests (KIP-898, Kafka 3.6+): no reflective scan of plugin.path.
        basics.add("plugin.discovery=service_load");
        basics.removeIf(line -> line.startsWith("rest.extension.classes=")); // the documented blocks carry it
        return basics;
    }

    private static void created(ConnectWorkerProcess worker, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = worker.send("POST", "/connectors", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** The first snapshot of {@code name} after the {@code mark}-th arrival that meets {@code condition}. */
    private static ConnectorSnapshot snapshot(int mark, Predicate<MetadataEvent> ours, String name,
                                              Predicate<ConnectorSnapshot> condition) throws InterruptedException {
        return (ConnectorSnapshot) awaitAfter(mark, e -> ours.test(e) && e.payload() instanceof ConnectorSnapshot s
                && s.name().equals(name) && condition.test(s), "snapshot of " + name).payload();
    }

    /** Waits (bounded) for an event after the {@code mark}-th arrival, so an earlier one cannot satisfy a step. */
    private static MetadataEvent awaitAfter(int mark, Predicate<MetadataEvent> condition, String description)
            throws InterruptedException {
        return receiver.awaitEventAfter(mark, condition, DEADLINE, description).event();
    }

    private static void awaitRunning(ConnectWorkerProcess worker, String name) throws Exception {
        try {
            await(name + " running").atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .dontCatchUncaughtExceptions()
                    .until(() -> worker.send("GET", "/connectors/" + name + "/status", null),
                            status -> status.statusCode() == 200 && status.body().contains("\"state\":\"RUNNING\""));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " never ran: " + worker.tail(), e);
        }
    }

    /** The worker log's lines logged by the extension (each line names its logger). */
    private static String linesOfOurs(String log) {
        return log.lines().filter(line -> line.contains(" io.connectusm.")).collect(Collectors.joining("\n"));
    }

    /** The worker log's ERROR lines logged by the extension. */
    private static List<String> errorsOfOurs(String log) {
        return log.lines().filter(line -> line.contains(" ERROR ") && line.contains("io.connectusm"))
                .collect(Collectors.toList());
    }

    /** Every module of this JDK's image but the named ones, for --limit-modules. */
    private static String systemModulesExcept(String... excluded) {
        List<String> without = List.of(excluded);
        return ModuleFinder.ofSystem().findAll().stream().map(ModuleReference::descriptor)
                .map(java.lang.module.ModuleDescriptor::name).filter(name -> !without.contains(name)).sorted()
                .collect(Collectors.joining(","));
    }

    /** Copies a plugin directory into plugin.path (also for MaskingEndToEndIT). */
    static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
