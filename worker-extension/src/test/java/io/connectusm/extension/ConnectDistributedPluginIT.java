package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does: unzip the plugin ZIP into {@code plugin.path}, add the documented properties block
 * (with {@code config.providers=file} and a real {@code jksPassword.txt}) to a worker properties file, start
 * {@code ConnectDistributed} as its own JVM, create a connector over REST, and see its masked snapshot arrive
 * at the agent (here a real mTLS receiver).
 */
class ConnectDistributedPluginIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void pluginZipInPluginPathReportsAMaskedSnapshotFromASeparateWorkerJvm() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        unzip(Path.of(System.getProperty("plugin.zip")), plugins);
        String component = System.getProperty("plugin.component.name");
        assertThat(plugins.resolve(component).resolve("manifest.json")).exists();

        Path certs = dir.resolve("sslcerts");
        TestPki pki = TestPki.create(certs, "connect-usm-it");
        String tlsConnect = pki.client().directory().toString();
        String storePassword = new String(pki.client().password());

        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        int restPort = freePort();
        Process worker = null;
        try (RecordingHttpsReceiver receiver = new RecordingHttpsReceiver(pki.serverContext())) {
            // The documented block, verbatim but for the certificate directory and the agent's address.
            String documentedBlock = """
                    confluent.connect.metadata.events.enabled=true
                    confluent.connect.metadata.events.client.base.url=https://usm-agent.connect.svc.cluster.local:10000
                    confluent.connect.metadata.events.ssl.key.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                    confluent.connect.metadata.events.ssl.keystore.location=/mnt/sslcerts/tls-connect/keystore.p12
                    confluent.connect.metadata.events.ssl.keystore.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                    confluent.connect.metadata.events.ssl.protocol=TLSv1.2
                    confluent.connect.metadata.events.ssl.truststore.location=/mnt/sslcerts/tls-connect/truststore.p12
                    confluent.connect.metadata.events.ssl.truststore.password=${file:/mnt/sslcerts/tls-connect/jksPassword.txt:jksPassword}
                    """.replace("/mnt/sslcerts/tls-connect", tlsConnect)
                    .replace("https://usm-agent.connect.svc.cluster.local:10000", receiver.baseUrl());
            Path workerProperties = dir.resolve("worker.properties");
            Files.writeString(workerProperties, String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "group.id=connect-usm-it",
                    "config.storage.topic=connect-usm-it-configs",
                    "offset.storage.topic=connect-usm-it-offsets",
                    "status.storage.topic=connect-usm-it-status",
                    "config.storage.replication.factor=1",
                    "offset.storage.replication.factor=1",
                    "status.storage.replication.factor=1",
                    "key.converter=org.apache.kafka.connect.storage.StringConverter",
                    "value.converter=org.apache.kafka.connect.storage.StringConverter",
                    "listeners=http://localhost:" + restPort,
                    "plugin.path=" + plugins,
                    "rest.extension.classes=" + MetadataEventsRestExtension.class.getName(),
                    "config.providers=file",
                    "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                    documentedBlock));
            Path log = dir.resolve("worker.log");
            worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", workerClasspath(), "-Xmx512m",
                    "-Dlog4j2.configurationFile=" + writeLogConfig(),
                    "org.apache.kafka.connect.cli.ConnectDistributed", workerProperties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();

            String base = "http://localhost:" + restPort;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitRest(http, base, worker, log);

            String canary = "CANARY-it-" + System.nanoTime();
            Path input = Files.createFile(dir.resolve("in.txt"));
            kafka.createTopic("it-topic", 1);
            String body = "{\"name\":\"it-source\",\"config\":{"
                    + "\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
                    + "\"file\":\"" + input + "\",\"topic\":\"it-topic\","
                    + "\"db.password\":\"" + canary + "\"}}";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            ConnectorSnapshot snapshot = (ConnectorSnapshot) receiver.awaitEvent(e -> "it-source".equals(e.subject())
                    && e.payload() instanceof ConnectorSnapshot, DEADLINE, "it-source snapshot").event().payload();

            assertThat(snapshot.config()).containsEntry("db.password", MASKED_VALUE);
            assertThat(snapshot.maskedKeys()).contains("db.password");

            // A key only its PASSWORD type can get masked: the extension, loaded from plugin.path, must resolve
            // the connector class (by alias) through the worker's plugin loader.
            String typedCanary = "CANARY-typed-" + System.nanoTime();
            String mirror = "{\"name\":\"it-mirror\",\"config\":{"
                    + "\"connector.class\":\"MirrorSourceConnector\","
                    + "\"source.cluster.alias\":\"upstream\",\"target.cluster.alias\":\"local\","
                    + "\"source.cluster.bootstrap.servers\":\"" + kafka.bootstrapServers() + "\","
                    + "\"target.cluster.bootstrap.servers\":\"" + kafka.bootstrapServers() + "\","
                    + "\"topics\":\"nothing-matches-this\",\"offset-syncs.topic.replication.factor\":\"1\","
                    + "\"ssl.keystore.key\":\"" + typedCanary + "\"}}";
            HttpResponse<String> mirrorCreated = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(mirror)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mirrorCreated.statusCode()).as(mirrorCreated.body()).isEqualTo(201);
            ConnectorSnapshot mirrorSnapshot = (ConnectorSnapshot) receiver.awaitEvent(
                    e -> "it-mirror".equals(e.subject()) && e.payload() instanceof ConnectorSnapshot, DEADLINE,
                    "it-mirror snapshot").event().payload();
            assertThat(mirrorSnapshot.maskedKeys()).contains("ssl.keystore.key");
            assertThat(receiver.allBytesAsText()).doesNotContain(typedCanary);
            assertThat(receiver.requests().get(0).clientSubject()).contains("CN=connect-usm-it");
            assertThat(receiver.allBytesAsText()).doesNotContain(canary).doesNotContain(storePassword);
            assertThat(Files.readString(log)).contains("MetadataEventsRestExtension")
                    .doesNotContain(canary).doesNotContain(storePassword);
        } finally {
            if (worker != null) {
                worker.destroy();
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            kafka.stop();
        }
    }

    /** Kafka and its dependencies from this JVM's class path, but neither our classes nor the wire contract. */
    private static String workerClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classes") && !entry.endsWith("test-classes"))
                .filter(entry -> !entry.contains("metadata-events") && !entry.contains("certs-tooling")
                        && !entry.contains("worker-extension"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Path writeLogConfig() throws IOException {
        Path config = dir.resolve("log4j2.properties");
        Files.writeString(config, String.join("\n",
                "status=warn",
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d %p [%t] %c - %m%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.console.ref=console",
                "logger.usm.name=io.connectusm",
                "logger.usm.level=DEBUG"));
        return config;
    }

    private static void awaitRest(HttpClient http, String base, Process worker, Path log) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited: " + tail(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/connectors"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the worker's REST API never answered: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out); // not closing: the zip stream moves on to the next entry
                }
            }
        }
    }
}
