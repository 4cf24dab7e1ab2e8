package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

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
        Path plugins = ConnectWorkerProcess.unzipPlugin(dir);
        String component = System.getProperty("plugin.component.name");
        assertThat(plugins.resolve(component).resolve("manifest.json")).exists();

        Path certs = dir.resolve("sslcerts");
        WorkerPki pki = WorkerPki.create(certs, "connect-usm-it");
        String tlsConnect = pki.client().directory().toString();
        String storePassword = new String(pki.client().password());

        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        int restPort = ConnectWorkerProcess.freePort();
        ConnectWorkerProcess worker = null;
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
            List<String> properties = new ArrayList<>(ConnectWorkerProcess.clusterProperties(kafka.bootstrapServers(),
                    "connect-usm-it", "http://localhost:" + restPort, plugins));
            properties.add("config.providers=file");
            properties.add("config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider");
            properties.add(documentedBlock);
            worker = ConnectWorkerProcess.start(dir, "worker", properties, restPort);
            worker.awaitRest(DEADLINE);

            String canary = "CANARY-it-" + System.nanoTime();
            Path input = Files.createFile(dir.resolve("in.txt"));
            kafka.createTopic("it-topic", 1);
            String body = "{\"name\":\"it-source\",\"config\":{"
                    + "\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
                    + "\"file\":\"" + input + "\",\"topic\":\"it-topic\","
                    + "\"db.password\":\"" + canary + "\"}}";
            HttpResponse<String> created = worker.send("POST", "/connectors", body);
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
            HttpResponse<String> mirrorCreated = worker.send("POST", "/connectors", mirror);
            assertThat(mirrorCreated.statusCode()).as(mirrorCreated.body()).isEqualTo(201);
            ConnectorSnapshot mirrorSnapshot = (ConnectorSnapshot) receiver.awaitEvent(
                    e -> "it-mirror".equals(e.subject()) && e.payload() instanceof ConnectorSnapshot, DEADLINE,
                    "it-mirror snapshot").event().payload();
            assertThat(mirrorSnapshot.maskedKeys()).contains("ssl.keystore.key");
            assertThat(receiver.allBytesAsText()).doesNotContain(typedCanary);
            assertThat(receiver.requests().get(0).clientSubject()).contains("CN=connect-usm-it");
            assertThat(receiver.allBytesAsText()).doesNotContain(canary).doesNotContain(storePassword);
            assertThat(Files.readString(worker.log())).contains("MetadataEventsRestExtension")
                    .doesNotContain(canary).doesNotContain(storePassword);
        } finally {
            if (worker != null) {
                worker.close();
            }
            kafka.stop();
        }
    }
}
