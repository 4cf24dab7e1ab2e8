package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.testing.TestDirs;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.ChildJvm;

/**
 * What the endpoint acknowledged on its H2 file survives the process being killed at once: an endpoint JVM takes a
 * batch, answers 204, and is killed with SIGKILL right after, again and again; each restart must hold every batch
 * it acknowledged (the agent deletes a batch from its spool on that 204, so a lost one is gone until a resync).
 */
class H2DurabilityIT {

    static final ClusterRef REF = new ClusterRef("kafka-h2", "connect-h2");
    static final int KILLS = 6;

    @Test
    void everyAcknowledgedBatchSurvivesSigkillRightAfterThe204() throws Exception {
        Path dir = TestDirs.create("test-h2-durability", "H2DurabilityIT");
        try {
            Path data = dir.resolve("data");
            Properties p = new Properties();
            p.setProperty(EndpointConfig.PORT_CONFIG, "0");
            p.setProperty(EndpointConfig.DATA_DIR_CONFIG, data.toString());
            p.setProperty(EndpointConfig.API_KEY_HASH_ITERATIONS_CONFIG, "10000");
            Path file = dir.resolve("endpoint.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "H2DurabilityIT");
            }
            EndpointConfig config = EndpointConfigLoader.load(file, Map.of());
            ApiKeyCredentials agent;
            String usmcc;
            try (ApiKeys keys = UsmEndpoint.openApiKeys(config)) {
                agent = keys.create(ApiRole.AGENT, "agent");
            }
            try (UsmEndpoint endpoint = UsmEndpoint.start(config)) {
                endpoint.registerKafkaCluster("env-h2", REF.kafkaClusterId(), "aws", "us-east-1");
                usmcc = endpoint.registerConnectCluster("env-h2", REF.kafkaClusterId(), REF.connectClusterId());
            }
            HttpClient http = HttpClient.newHttpClient();
            List<String> acknowledged = new ArrayList<>();
            Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
            for (int kill = 0; kill < KILLS; kill++) {
                ChildJvm replica = ChildJvm.start(dir, "256m", ReplicaMain.STARTED,
                        Duration.ofSeconds(120), ReplicaMain.class.getName(), file.toString());
                try {
                    List<MetadataEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String name = "run" + kill + "-connector-" + i;
                        batch.add(TestEvents.snapshot(REF, name, t0.plusSeconds(kill), i, ConnectorState.RUNNING, 1,
                                Map.of("topic", name), Set.of()));
                    }
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(replica.startedLine()
                            + "/usm/v1/events")).header("Authorization", TestEndpoint.basic(agent.key(),
                            agent.secret())).header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new EventCodec().encodeBatch(batch)))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    assertThat(r.statusCode()).isEqualTo(204);
                    batch.forEach(e -> acknowledged.add(e.subject()));
                } finally {
                    replica.kill();
                }
            }
            try (Database db = Database.open(data)) {
                ConnectorStore store = new ConnectorStore(db);
                List<String> missing = acknowledged.stream().filter(name -> store.get(usmcc, name).isEmpty())
                        .toList();
                assertThat(missing).as("acknowledged, then lost to SIGKILL").isEmpty();
            }
        } finally {
            TestDirs.deleteTree(dir);
        }
    }
}
