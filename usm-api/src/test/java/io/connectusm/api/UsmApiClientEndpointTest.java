package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorState;

/**
 * The client against the real endpoint in this JVM over HTTPS: every resource it has a method for, paging through
 * several pages, the typed errors of refused requests, and TLS trust.
 */
class UsmApiClientEndpointTest {

    @TempDir
    static Path dir;
    static InProcessEndpoint endpoint;
    static UsmApiClient client;
    static final List<String> exchanges = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        endpoint = InProcessEndpoint.start(dir);
        client = UsmApiClient.builder(endpoint.url() + "/").basicAuth(endpoint.admin().key(), endpoint.admin().secret())
                .trust(TlsTrust.pemFile(endpoint.caPem()))
                .observer((method, uri, status, took) -> exchanges.add(method + " " + uri.getRawPath() + " " + status))
                .build();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void registersListsDescribesAndDeregistersKafkaAndConnectClusters() {
        KafkaCluster kafka = client.registerKafkaCluster(new KafkaClusterRegistration("4k0R9d1GTS5tI9f4Y2xZ0Q",
                "prod kafka", "aws", "us-east-1", "env-clusters"));
        ConnectCluster connect = client.registerConnectCluster(new ConnectClusterRegistration("connect-group-xyz123",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", null, null, null, "env-clusters"));

        assertThat(kafka.id()).startsWith("usmkc-");
        assertThat(kafka).extracting(KafkaCluster::displayName, KafkaCluster::cloud, KafkaCluster::region,
                KafkaCluster::environment).containsExactly("prod kafka", "AWS", "us-east-1", "env-clusters");
        assertThat(kafka.createdAt()).isNotNull();
        assertThat(connect.usmKafkaClusterId()).isEqualTo(kafka.id());
        assertThat(connect.cloud()).as("falls back to the Kafka cluster's").isEqualTo("AWS");
        assertThat(client.kafkaClusters("env-clusters")).containsExactly(kafka);
        assertThat(client.connectClusters("env-clusters")).containsExactly(connect);
        assertThat(client.connectCluster(connect.id(), "env-clusters")).isEqualTo(connect);
        assertThat(client.kafkaCluster(kafka.id(), null)).isEqualTo(kafka);

        client.deregisterConnectCluster(connect.id(), "env-clusters");
        client.deregisterKafkaCluster(kafka.id(), null);

        assertThat(client.connectClusters("env-clusters")).isEmpty();
        assertThatThrownBy(() -> client.kafkaCluster(kafka.id(), null)).isInstanceOfSatisfying(UsmApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.getMessage()).isEqualTo("USM Kafka cluster \"" + kafka.id() + "\" not found");
                });
    }

    @Test
    void listsReadEveryPageOfALongList() {
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(client.registerKafkaCluster(new KafkaClusterRegistration("paged-" + i, null, "gcp",
                    "europe-west1", "env-paging")).id());
        }
        exchanges.clear();

        List<String> listed = client.list("/usm/v1/kafka-clusters?environment=env-paging&page_size=3").stream()
                .map(n -> n.path("id").asText()).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(registered).doesNotHaveDuplicates();
        assertThat(exchanges).as("three pages of 3, 3 and 1").hasSize(3)
                .allMatch(e -> e.equals("GET /usm/v1/kafka-clusters 200"));
        assertThat(client.kafkaClusters("env-paging")).extracting(KafkaCluster::id)
                .containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void refusalsAreTypedWithTheEndpointsCodeAndMessage() {
        client.registerKafkaCluster(new KafkaClusterRegistration("kafka-dup", null, "aws", "us-east-1", "env-errors"));
        String connect = client.registerConnectCluster(new ConnectClusterRegistration("connect-dup", "kafka-dup", null,
                null, null, "env-errors")).id();
        String kafkaId = client.kafkaClusters("env-errors").get(0).id();

        assertThatThrownBy(() -> client.registerKafkaCluster(new KafkaClusterRegistration("kafka-dup", null, "aws",
                "us-east-1", "env-errors"))).isInstanceOfSatisfying(UsmApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isConflict()).isTrue();
                    assertThat(e.getMessage()).contains("already registered");
                });
        assertThatThrownBy(() -> client.registerConnectCluster(new ConnectClusterRegistration("c", "nope", null, null,
                null, "env-errors"))).isInstanceOfSatisfying(UsmApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("kafka_cluster_not_registered");
                });
        assertThatThrownBy(() -> client.deregisterKafkaCluster(kafkaId, null))
                .isInstanceOfSatisfying(UsmApiException.class, e -> assertThat(e.isConflict()).isTrue());
        assertThatThrownBy(() -> client.registerKafkaCluster(new KafkaClusterRegistration("k", null, "mars", "r1",
                "env-errors"))).isInstanceOfSatisfying(UsmApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("cloud must be one of AWS, AZURE, GCP");
                });
        assertThatThrownBy(() -> client.connectCluster(connect, "env-other"))
                .as("another environment's cluster is not there").isInstanceOfSatisfying(UsmApiException.class,
                        e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void aWrongSecretIsUnauthorizedAndNeverInAMessage() {
        String wrong = "wrong-" + endpoint.admin().secret();
        UsmApiClient intruder = UsmApiClient.builder(endpoint.url()).basicAuth(endpoint.admin().key(), wrong)
                .trust(TlsTrust.pemFile(endpoint.caPem())).build();

        assertThatThrownBy(() -> intruder.kafkaClusters("env-x")).isInstanceOfSatisfying(UsmApiException.class, e -> {
            assertThat(e.isUnauthorized()).isTrue();
            assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(endpoint.admin().secret());
        });
        assertThat(intruder.toString()).doesNotContain(wrong);
    }

    @Test
    void theServerCertificateMustBeTrusted() throws Exception {
        UsmApiClient defaultTrust = UsmApiClient.builder(endpoint.url())
                .basicAuth(endpoint.admin().key(), endpoint.admin().secret()).timeout(Duration.ofSeconds(10)).build();
        Path otherCa = dir.resolve("other");
        try (InProcessEndpoint other = InProcessEndpoint.start(otherCa)) {
            UsmApiClient wrongCa = UsmApiClient.builder(endpoint.url())
                    .basicAuth(endpoint.admin().key(), endpoint.admin().secret())
                    .trust(TlsTrust.pemFile(other.caPem())).build();

            assertThatThrownBy(() -> wrongCa.kafkaClusters("env-x")).isInstanceOfSatisfying(
                    UsmConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(UsmConnectionException.Reason.TLS);
                        assertThat(e.getMessage()).startsWith("TLS connection to " + endpoint.url() + " failed");
                    });
        }
        assertThatThrownBy(() -> defaultTrust.kafkaClusters("env-x")).isInstanceOfSatisfying(
                UsmConnectionException.class, e -> assertThat(e.reason()).isEqualTo(UsmConnectionException.Reason.TLS));
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        assertThatThrownBy(() -> UsmApiClient.builder(endpoint.url()).trust(TlsTrust.pemFile(notPem)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot use CA certificate " + notPem);
    }

    @Test
    void connectorsTheirConfigMaskedKeysAndHistoryAreRead() {
        client.registerKafkaCluster(new KafkaClusterRegistration("kafka-conn", null, "aws", "us-east-1", "env-conn"));
        String cc = client.registerConnectCluster(new ConnectClusterRegistration("connect-conn", "kafka-conn", null,
                null, null, "env-conn")).id();
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        Map<String, String> config = Map.of("connector.class", "FileStreamSource", "file", "/tmp/in.txt",
                "db.password", "s3cr3t-canary");
        client.postEvents(TestBatches.batch(List.of(
                TestBatches.snapshot("kafka-conn", "connect-conn", "my source/1+1", t0, 0, ConnectorState.RUNNING, 2,
                        config, Set.of("db.password"), ChangeCause.CREATED),
                TestBatches.snapshot("kafka-conn", "connect-conn", "my source/1+1", t0.plusSeconds(5), 1,
                        ConnectorState.FAILED, 2, Map.of("connector.class", "FileStreamSource", "file", "/tmp/in2.txt",
                                "db.password", "s3cr3t-canary"), Set.of("db.password"), ChangeCause.CONFIG_UPDATED))));

        List<ConnectorSummary> listed = client.connectors(cc, null);
        Connector connector = client.connector(cc, "my source/1+1", null);
        List<ConnectorChange> history = client.connectorHistory(cc, "my source/1+1", "env-conn");

        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("my source/1+1");
            assertThat(s.state()).isEqualTo("FAILED");
            assertThat(s.tasksTotal()).isEqualTo(2);
            assertThat(s.tracePresent()).isTrue();
            assertThat(s.lastChange()).isEqualTo(t0.plusSeconds(5));
        });
        assertThat(connector.config()).containsEntry("db.password", "********").containsEntry("file", "/tmp/in2.txt");
        assertThat(connector.isMasked("db.password")).isTrue();
        assertThat(connector.maskReason("db.password")).as("the endpoint names no reason today").isEmpty();
        assertThat(connector.tasks()).extracting(Connector.Task::id).containsExactly(0, 1);
        assertThat(history).extracting(ConnectorChange::change).containsExactly("CONFIG_UPDATED", "CREATED");
        assertThat(history.get(0).configDiff()).singleElement().isEqualTo(
                new ConnectorChange.ConfigChange("file", "CHANGED", "/tmp/in.txt", "/tmp/in2.txt"));
        assertThat(listed.toString() + connector + history).doesNotContain("s3cr3t-canary");
        assertThatThrownBy(() -> client.connector(cc, "nope", null)).isInstanceOfSatisfying(UsmApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("connector \"nope\" not found in " + cc));
    }

    @Test
    void unregisteredClustersOfABatchAreNamedInTheError() {
        assertThatThrownBy(() -> client.postEvents(TestBatches.batch(List.of(TestBatches.snapshot("kafka-none",
                "connect-none", "c", Instant.parse("2026-11-20T10:00:00Z"), 0, ConnectorState.RUNNING, 1, Map.of(),
                Set.of(), ChangeCause.CREATED))))).isInstanceOfSatisfying(UsmApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.field("clusters")).hasValueSatisfying(clusters -> assertThat(clusters.toString())
                            .contains("kafka-none").contains("connect-none"));
                });
    }

    @Test
    void sightingsAndApiKeys() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("sightings").addObject().put("kafka_cluster_id", "kafka-seen")
                .put("connect_cluster_id", "connect-seen").put("connector_count", 3)
                .put("first_seen", "2026-11-20T10:00:00Z").put("last_seen", "2026-11-20T10:05:00Z")
                .put("agent_id", "agent-1").putObject("environment").put("id", "env-seen");
        client.reportSightings(body);

        ApiKey created = client.createApiKey("agent", "for the test");

        assertThat(client.sightings("env-seen")).singleElement().satisfies(s -> {
            assertThat(s.connectClusterId()).isEqualTo("connect-seen");
            assertThat(s.connectorCount()).isEqualTo(3);
        });
        assertThat(created.secret()).isNotBlank();
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(client.apiKeys()).extracting(ApiKey::key).contains(created.key(), endpoint.admin().key());
        assertThat(client.apiKeys()).allMatch(k -> k.secret() == null);
        client.deleteApiKey(created.key());
        assertThat(client.apiKeys()).extracting(ApiKey::key).doesNotContain(created.key());
        assertThatThrownBy(() -> client.deleteApiKey(endpoint.admin().key()))
                .isInstanceOfSatisfying(UsmApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void theBaseUrlMustBeAnHttpUrlOfAHost() {
        assertThatThrownBy(() -> UsmApiClient.builder("ftp://h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsmApiClient.builder("https://user:pw@h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> UsmApiClient.builder("https://h/?a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UsmApiClient.builder("https://h:8443///").build().baseUrl()).isEqualTo("https://h:8443");
        assertThat(URI.create(client.baseUrl()).getPath()).isEmpty();
    }
}
