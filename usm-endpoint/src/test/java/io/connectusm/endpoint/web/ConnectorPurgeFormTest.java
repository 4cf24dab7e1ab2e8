package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.TraceMode;

/**
 * The connector page over real HTTPS: each masked or changed value says why ("masked: PASSWORD type", "masked:
 * name looks secret", "credential in URL removed"), a scrubbed trace says so, and an admin — only an admin, with
 * the form's CSRF token and the connector's name typed exactly — purges the connector's history, which the API
 * then no longer serves while the connector's state stays.
 */
class ConnectorPurgeFormTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final ClusterRef CLUSTER = new ClusterRef("kafka-purge", "connect-purge");
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String NAME = "jdbc sink/1";

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();
    static String usmcc;
    static ApiKeyCredentials viewer;

    @BeforeAll
    static void aConnectorWithReasonsAndHistory() {
        endpoint.registerKafka("env-purge", CLUSTER.kafkaClusterId());
        usmcc = TestEndpoint.json(endpoint.registerConnect("env-purge", CLUSTER.kafkaClusterId(),
                CLUSTER.connectClusterId())).get("id").asText();
        viewer = endpoint.endpoint().apiKeys().create(ApiRole.VIEWER, "viewer");
        post(snapshot(0, "a"), snapshot(1, "b"));
    }

    private static MetadataEvent snapshot(long sequence, String topic) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topics", topic,
                "connection.password", ConnectorSnapshot.MASKED_VALUE, "datadog.api.key", ConnectorSnapshot.MASKED_VALUE,
                "connection.url", "jdbc:postgresql://app:" + ConnectorSnapshot.MASKED_VALUE + "@db/x"));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name(NAME)
                .connectorClass("org.example.JdbcSink")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.FAILED)
                .workerId("w1")
                .trace("org.example.AuthException: login as app with "
                        + ConnectorSnapshot.MASKED_VALUE + " refused\n\tat x")
                .tasks(List.of(new TaskSnapshot(0,
                        ConnectorState.FAILED, "w1", null)))
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("connection.password",
                        "datadog.api.key")))
                .maskReasons(new TreeMap<>(Map.of("connection.password", "type", "datadog.api.key", "name",
                        "connection.url", "url")))
                .cause(ChangeCause.CONFIG_UPDATED)
                .traceMode(TraceMode.SCRUBBED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), CLUSTER, "w1", T0, sequence,
                T0.plusSeconds(sequence), s);
    }

    private static void post(MetadataEvent... events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", new EventCodec().encodeBatch(List.of(events)),
                endpoint.agent, "application/cloudevents-batch+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static String page() {
        return "/ui/connect-clusters/" + usmcc + "/connectors/" + Html.url(NAME);
    }

    private static String api() {
        return "/usm/v1/connect-clusters/" + usmcc + "/connectors/" + URLEncoder.encode(NAME, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static HttpResponse<String> purge(String token, String typed, ApiKeyCredentials as) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (token != null) {
            fields.put("csrf_token", token);
        }
        fields.put("confirm_name", typed);
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return endpoint.sendRaw("POST", page() + "/purge-history", body, TestEndpoint.basic(as.key(), as.secret()),
                "application/x-www-form-urlencoded");
    }

    private static String token(ApiKeyCredentials as) {
        Matcher m = TOKEN.matcher(endpoint.send("GET", page(), null, as).body());
        assertThat(m.find()).as("a form with a CSRF token").isTrue();
        return m.group(1);
    }

    private static int historySize() {
        return TestEndpoint.json(endpoint.send("GET", api() + "/history", null, endpoint.admin)).get("data").size();
    }

    @Test
    void thePageAndTheApiSayWhyEachValueWasMaskedAndThatTheTraceWasScrubbed() {
        String html = endpoint.send("GET", page(), null, endpoint.admin).body();
        JsonNode connector = TestEndpoint.json(endpoint.send("GET", api(), null, endpoint.admin));

        assertThat(html).contains("masked: PASSWORD type").contains("masked: name looks secret")
                .contains("credential in URL removed").contains("trace scrubbed");
        assertThat(connector.get("mask_reasons").get("connection.password").asText()).isEqualTo("type");
        assertThat(connector.get("mask_reasons").get("datadog.api.key").asText()).isEqualTo("name");
        assertThat(connector.get("mask_reasons").get("connection.url").asText()).isEqualTo("url");
        assertThat(connector.get("trace_mode").asText()).isEqualTo("SCRUBBED");
        assertThat(connector.get("masked_keys").get(0).asText()).isEqualTo("connection.password");
    }

    @Test
    void aViewerSeesNoPurgeFormAndCannotPostOne() {
        String html = endpoint.send("GET", page(), null, viewer).body();
        String adminsToken = token(endpoint.admin);
        int before = historySize();

        HttpResponse<String> r = purge(adminsToken, NAME, viewer);

        assertThat(html).doesNotContain("Purge history").doesNotContain("purge-history");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(historySize()).isEqualTo(before).isPositive();
    }

    @Test
    void aPurgeNeedsTheTokenAndTheNameTypedExactlyThenDeletesTheHistoryOnly() {
        String html = endpoint.send("GET", page(), null, endpoint.admin).body();
        assertThat(html).contains("<button>Purge history</button>");
        String token = token(endpoint.admin);
        ApiKeyCredentials otherAdmin = endpoint.endpoint().apiKeys().create(ApiRole.ADMIN, "other admin");

        HttpResponse<String> noToken = purge(null, NAME, endpoint.admin);
        HttpResponse<String> othersToken = purge(token(otherAdmin), NAME, endpoint.admin);
        HttpResponse<String> wrongName = purge(token, "jdbc sink/", endpoint.admin);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(othersToken.statusCode()).isEqualTo(403);
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(wrongName.body()).contains("does not match the connector");
        assertThat(historySize()).isEqualTo(2);

        HttpResponse<String> done = purge(token, NAME, endpoint.admin);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("History purged").contains("2 entries");
        assertThat(historySize()).isZero();
        assertThat(endpoint.send("GET", api(), null, endpoint.admin).statusCode()).isEqualTo(200);
        post(snapshot(2, "c"));
        assertThat(historySize()).isEqualTo(1); // the next change starts a new history
    }
}
