package io.connectusm.cli.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.output.CliRun;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;

/**
 * {@code usm endpoint migrate-db}: an endpoint's H2 file, filled through its API, moved into PostgreSQL (the test
 * server of bin/verify) and into another H2 file; an endpoint started on the copy serves the same registrations,
 * connectors, history and keys, and carries on. Passwords in clear and non-empty targets are refused.
 */
class MigrateDbCommandTest {

    static final ClusterRef REF = new ClusterRef("kafka-mig", "connect-mig");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    Path source;
    String usmcc;
    ApiKeyCredentials admin;
    ApiKeyCredentials agent;
    Map<String, String> before;

    @BeforeEach
    void fillAnH2Endpoint() throws Exception {
        source = dir.resolve("h2-data");
        try (UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(EndpointConfig.DATA_DIR_CONFIG,
                source.toString(), EndpointConfig.PORT_CONFIG, "0")))) {
            admin = endpoint.apiKeys().create(ApiRole.ADMIN, "admin");
            agent = endpoint.apiKeys().create(ApiRole.AGENT, "agent");
            endpoint.registerKafkaCluster("env-mig", REF.kafkaClusterId(), "aws", "us-east-1");
            usmcc = endpoint.registerConnectCluster("env-mig", REF.kafkaClusterId(), REF.connectClusterId());
            List<MetadataEvent> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                events.add(snapshot("connector-" + (i % 12), i, ConnectorState.values()[i % 5], "v" + i));
            }
            assertThat(post(endpoint.baseUrl(), events)).isEqualTo(204);
            before = reads(endpoint.baseUrl());
        }
    }

    @Test
    void movesTheH2FileIntoPostgresAndAnEndpointThereCarriesOn() throws Exception {
        DatabaseSettings postgres = TestPostgres.createDatabase();
        try {
            CliRun run = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", source.toString(),
                    "--to", postgres.url(), "--to-user", postgres.user(),
                    "--to-password", "${env:" + TestPostgres.PASSWORD_ENV + "}");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("Copied ").contains("connector_history").contains("api_keys")
                    .contains(" to " + postgres.url() + " as " + postgres.user())
                    .doesNotContain(TestPostgres.password());
            Map<String, String> props = new HashMap<>(Map.of(EndpointConfig.PORT_CONFIG, "0",
                    EndpointConfig.DATABASE_URL_CONFIG, postgres.url(),
                    EndpointConfig.DATABASE_USER_CONFIG, postgres.user(),
                    EndpointConfig.DATABASE_PASSWORD_CONFIG, "${env:" + TestPostgres.PASSWORD_ENV + "}"));
            assertServesTheSameAndCarriesOn(props);
        } finally {
            TestPostgres.drop(postgres);
        }
    }

    @Test
    void movesTheH2FileIntoAnotherNamedByAPropertiesFile() throws Exception {
        Path config = dir.resolve("new.properties");
        Files.writeString(config, "data.dir=" + dir.resolve("new-data") + "\nport=8443\n"
                + "ssl.keystore.location=/etc/usm/keystore.p12\n");

        CliRun run = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", source.toString(), "--to",
                config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertServesTheSameAndCarriesOn(Map.of(EndpointConfig.PORT_CONFIG, "0", EndpointConfig.DATA_DIR_CONFIG,
                dir.resolve("new-data").toString()));
    }

    @Test
    void refusesAPasswordInClearATargetWithDataAndAMissingSource() throws Exception {
        // (a --to directory that does not exist yet is created: "copy" below)
        CliRun clear = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", source.toString(), "--to",
                "jdbc:postgresql://127.0.0.1:1/usm", "--to-user", "u", "--to-password", "hunter2-in-clear");
        CliRun missing = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", dir.resolve("no-such")
                .toString(), "--to", dir.resolve("copy").toString());
        CliRun first = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", source.toString(), "--to",
                dir.resolve("copy").toString());
        CliRun second = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", source.toString(), "--to",
                dir.resolve("copy").toString());
        Files.createDirectories(dir.resolve("empty"));
        CliRun nothing = CliRun.run(new EndpointCommand(), null, "migrate-db", "--from", dir.resolve("empty")
                .toString(), "--to", dir.resolve("copy2").toString());

        assertThat(clear.exitCode()).isEqualTo(1);
        assertThat(clear.err()).contains("database.password given must be a ${file:PATH:KEY} or ${env:NAME} "
                + "reference").doesNotContain("hunter2-in-clear");
        assertThat(missing.err()).contains("no such file or directory");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).contains("the target database is not empty");
        assertThat(nothing.err()).contains("no H2 database file");
    }

    private void assertServesTheSameAndCarriesOn(Map<String, String> props) throws Exception {
        try (UsmEndpoint copy = UsmEndpoint.start(new EndpointConfig(props))) {
            assertThat(reads(copy.baseUrl())).isEqualTo(before);
            assertThat(post(copy.baseUrl(), List.of(snapshot("connector-0", 100, ConnectorState.PAUSED, "after"))))
                    .isEqualTo(204);
            String history = get(copy.baseUrl(), "/usm/v1/connect-clusters/" + usmcc
                    + "/connectors/connector-0/history?page_size=100");
            assertThat(history).contains("\"new_value\":\"after\"")
                    .contains("\"total_size\":" + (count(before.get("history"), "\"time\"") + 1));
        }
    }

    /** What an operator would compare: the registration, the connector list, one connector and its history. */
    private Map<String, String> reads(String base) throws Exception {
        Map<String, String> out = new TreeMap<>();
        out.put("cluster", get(base, "/usm/v1/connect-clusters/" + usmcc));
        out.put("list", get(base, "/usm/v1/connect-clusters/" + usmcc + "/connectors?page_size=100"));
        out.put("connector", get(base, "/usm/v1/connect-clusters/" + usmcc + "/connectors/connector-0"));
        out.put("history", get(base, "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/connector-0/history?page_size=100"));
        return out;
    }

    private String get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(admin)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    private int post(String base, List<MetadataEvent> events) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/usm/v1/events"))
                .header("Authorization", basic(agent)).header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new EventCodec().encodeBatch(events))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static MetadataEvent snapshot(String name, int sequence, ConnectorState state, String topic) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topic", topic, "db.password", "********"));
        return new MetadataEvent(UUID.randomUUID().toString(), REF, "w1", T0, sequence, T0.plusSeconds(sequence),
                name, ConnectorSnapshot.builder()
                        .name(name)
                        .connectorClass("org.example.C")
                        .connectorType(ConnectorType.SINK)
                        .state(state)
                        .workerId("w1")
                        .config(config)
                        .maskedKeys(new TreeSet<>(List.of("db.password")))
                        .configFingerprint(ConfigFingerprint.of(config))
                        .cause(ChangeCause.RESYNC)
                        .build());
    }

    private static String basic(ApiKeyCredentials key) {
        return "Basic " + Base64.getEncoder().encodeToString((key.key() + ":" + key.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
