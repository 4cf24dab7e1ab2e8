package io.connectusm.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;
import io.connectusm.cli.output.PrintedTable;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * {@code usm connect cluster list} against a real agent in this JVM ({@link UsmAgent#start(AgentConfig)}, mTLS
 * with certs-tooling certificates, a static registrations file), after worker-like clients posted event batches
 * over mTLS for one registered and one unregistered Connect cluster.
 */
class LocalClusterListAgentTest {

    static final String KAFKA = "4k0R9d1GTS5tI9f4Y2xZ0Q";
    static final ClusterRef REGISTERED = new ClusterRef(KAFKA, "connect-registered");
    static final ClusterRef UNREGISTERED = new ClusterRef(KAFKA, "connect-group-xyz123");
    static final String WORKER = "worker-1:8083";
    static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    CertificateAuthority ca;
    RunningAgent agent;
    Instant started;

    @BeforeEach
    void startAgent() throws Exception {
        ca = CertificateAuthority.create(CaSpec.named("cluster list test CA"));
        LeafFiles server = LeafFiles.write(dir.resolve("agent"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        Path registrations = dir.resolve("registrations.json");
        Files.writeString(registrations, "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectClusterList\",\"metadata\":"
                + "{\"total_size\":1},\"data\":[{\"api_version\":\"usm/v1\",\"kind\":\"ConnectCluster\","
                + "\"id\":\"usmcc-k3v9x2m8q1zt\",\"confluent_platform_connect_cluster_id\":\""
                + REGISTERED.connectClusterId() + "\",\"kafka_cluster_id\":\"" + KAFKA + "\","
                + "\"usm_kafka_cluster_id\":\"usmkc-p0a7d4n2w6re\",\"display_name\":\"registered\","
                + "\"environment\":{\"id\":\"env-stgcqqd737\"}}]}");
        String password = new String(server.password());
        Map<String, String> config = new HashMap<>();
        config.put(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
        config.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString());
        config.put(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.DATA_HOST_CONFIG, "127.0.0.1");
        config.put(AgentConfig.DATA_PORT_CONFIG, "0");
        config.put(AgentConfig.CONTROL_PORT_CONFIG, "0");
        config.put(AgentConfig.SPOOL_DIR_CONFIG, dir.resolve("spool").toString());
        config.put(AgentConfig.REGISTRATIONS_FILE_CONFIG, registrations.toString());
        started = Instant.now();
        agent = UsmAgent.start(AgentConfigLoader.of(config, Map.of()));
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    /** Posts a batch over mTLS as a worker of {@code cluster} would, with a client certificate named after it. */
    private int postAsWorkerOf(ClusterRef cluster, String... connectors) throws Exception {
        LeafFiles worker = LeafFiles.write(dir.resolve("worker-" + cluster.connectClusterId()),
                ca.issue(LeafSpec.client(cluster.connectClusterId()).build()), ca, WriteMode.FAIL_IF_EXISTS);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.sslContext(worker.directory())).connectTimeout(Duration.ofSeconds(10)).build();
        List<MetadataEvent> events = new java.util.ArrayList<>();
        for (String connector : connectors) {
            events.add(snapshot(cluster, connector, events.size()));
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + agent.dataPort() + "/v1/events"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new EventCodec().encodeBatch(events))).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static MetadataEvent snapshot(ClusterRef cluster, String connector, long sequence) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "FileStreamSource", "topic", "t",
                "database.password", ConnectorSnapshot.MASKED_VALUE));
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(connector)
                .connectorClass("FileStreamSource")
                .connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.RUNNING)
                .workerId(WORKER)
                .tasks(List.of(new TaskSnapshot(0, ConnectorState.RUNNING, WORKER, null)))
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("database.password")))
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.CREATED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), cluster, WORKER, EPOCH, sequence, Instant.now(),
                connector, payload);
    }

    @Test
    void listsTheRegisteredAndTheUnregisteredClusterTheAgentHasSeen() throws Exception {
        assertThat(postAsWorkerOf(REGISTERED, "orders-source", "payments-sink")).isEqualTo(204);
        assertThat(postAsWorkerOf(UNREGISTERED, "audit-source")).isEqualTo(403);

        CliRun run = CliRun.run(new ConnectCommand(), null, "cluster", "list", "--agent-url",
                "http://127.0.0.1:" + agent.controlPort());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        PrintedTable table = PrintedTable.parse(run.out());
        assertThat(table.render()).as("the output is exactly one well-formed table").isEqualTo(run.out());
        Instant listed = Instant.now();
        assertThat(table.column("Last Seen")).allSatisfy(cell ->
                assertThat(Instant.parse(cell)).isBetween(started, listed));
        Golden.assertMatches("connect-cluster-list-agent.txt",
                table.mapColumn("Last Seen", cell -> "<last seen>").render());
    }
}
