package io.connectusm.endpoint.api;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.endpoint.testing.Vendor;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;

/** Event ingest, the read API and sightings over real HTTPS, on H2 and on PostgreSQL. */
@EachDatabase
class EventsApiTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String DB_PASSWORD = "pg-Secret-0042";
    static final EventCodec CODEC = new EventCodec();

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    private static HttpResponse<String> post(MetadataEvent... events) {
        return endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(events)), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
    }

    private static String registered(String env, ClusterRef ref) {
        endpoint.registerKafka(env, ref.kafkaClusterId());
        HttpResponse<String> r = endpoint.registerConnect(env, ref.kafkaClusterId(), ref.connectClusterId());
        assertThat(r.statusCode()).isEqualTo(201);
        return TestEndpoint.json(r).get("id").asText();
    }

    private static Map<String, String> config(String topic) {
        return Map.of("connector.class", "FileSource", "topic", topic, "db.password", DB_PASSWORD);
    }

    @Test
    void eventsOfAnUnregisteredClusterAreRejectedWith403ListingTheCluster() {
        ClusterRef registered = new ClusterRef("kafka-ev1", "connect-ok");
        String usmcc = registered("env-ev1", registered);
        ClusterRef unknown = new ClusterRef("kafka-ev1", "connect-unknown");

        HttpResponse<String> r = post(
                snapshot(registered, "a", T0, 0, ConnectorState.RUNNING, 1, config("t"), Set.of("db.password")),
                snapshot(unknown, "b", T0, 1, ConnectorState.RUNNING, 1, config("t"), Set.of("db.password")));

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode error = TestEndpoint.json(r).get("errors").get(0);
        assertThat(error.get("status").asText()).isEqualTo("403");
        assertThat(error.get("code").asText()).isEqualTo("cluster_not_registered");
        assertThat(error.get("clusters")).hasSize(1);
        assertThat(error.get("clusters").get(0).get("kafka_cluster_id").asText()).isEqualTo("kafka-ev1");
        assertThat(error.get("clusters").get(0).get("connect_cluster_id").asText()).isEqualTo("connect-unknown");
        // the whole batch was rejected, the registered cluster's event too
        HttpResponse<String> list = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/connectors", null,
                endpoint.admin);
        assertThat(TestEndpoint.json(list).get("data")).isEmpty();
    }

    @Test
    void appliedEventsShowInTheReadApiWithMaskedConfigAndHistory() {
        ClusterRef ref = new ClusterRef("kafka-ev2", "connect-ev2");
        String usmcc = registered("env-ev2", ref);
        MetadataEvent first = snapshot(ref, "jdbc-sink", T0, 0, ConnectorState.RUNNING, 2, config("a"),
                Set.of("db.password"));
        MetadataEvent second = snapshot(ref, "jdbc-sink", T0.plusSeconds(1), 1, ConnectorState.RUNNING, 2,
                config("b"), Set.of("db.password"));

        assertThat(post(second, first, first).statusCode()).isEqualTo(204); // reordered and duplicated
        assertThat(post(first).statusCode()).isEqualTo(204);

        JsonNode list = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/connectors",
                null, endpoint.admin));
        assertThat(list.get("data")).hasSize(1);
        JsonNode summary = list.get("data").get(0);
        assertThat(summary.get("name").asText()).isEqualTo("jdbc-sink");
        assertThat(summary.get("type").asText()).isEqualTo("SOURCE");
        assertThat(summary.get("state").asText()).isEqualTo("RUNNING");
        assertThat(summary.get("tasks").get("running").asInt()).isEqualTo(2);
        assertThat(summary.get("tasks").get("total").asInt()).isEqualTo(2);
        assertThat(summary.get("trace_present").asBoolean()).isFalse();

        HttpResponse<String> detail = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/jdbc-sink", null, endpoint.admin);
        JsonNode connector = TestEndpoint.json(detail);
        assertThat(connector.get("config").get("topic").asText()).isEqualTo("b");
        assertThat(connector.get("config").get("db.password").asText()).isEqualTo("********");
        assertThat(connector.get("masked_keys").get(0).asText()).isEqualTo("db.password");
        assertThat(connector.get("tasks")).hasSize(2);

        JsonNode history = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/jdbc-sink/history", null, endpoint.admin));
        // second arrived first (CREATED with b); first is older, so it never applied: one entry
        assertThat(history.get("data")).hasSize(1);
        assertThat(history.get("data").get(0).get("change").asText()).isEqualTo("CREATED");
        assertThat(detail.body()).doesNotContain(DB_PASSWORD);
    }

    @Test
    void historyRecordsTheConfigDiffOfEachRealChange() {
        ClusterRef ref = new ClusterRef("kafka-ev3", "connect-ev3");
        String usmcc = registered("env-ev3", ref);
        post(snapshot(ref, "s", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
        post(snapshot(ref, "s", T0.plusSeconds(1), 1, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
        post(snapshot(ref, "s", T0.plusSeconds(2), 2, ConnectorState.RUNNING, 1, config("b"), Set.of("db.password")));

        JsonNode history = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/s/history", null, endpoint.admin)).get("data");

        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("change").asText()).isEqualTo("CONFIG_UPDATED");
        JsonNode diff = history.get(0).get("config_diff");
        assertThat(diff).hasSize(1);
        assertThat(diff.get(0).get("key").asText()).isEqualTo("topic");
        assertThat(diff.get(0).get("old_value").asText()).isEqualTo("a");
        assertThat(diff.get(0).get("new_value").asText()).isEqualTo("b");
    }

    @Test
    void deregistrationPurgesConnectorsAndLaterEventsAreRejected() {
        ClusterRef ref = new ClusterRef("kafka-ev4", "connect-ev4");
        String usmcc = registered("env-ev4", ref);
        assertThat(post(snapshot(ref, "s", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")))
                .statusCode()).isEqualTo(204);

        assertThat(endpoint.send("DELETE", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(204);

        assertThat(post(snapshot(ref, "s", T0.plusSeconds(1), 1, ConnectorState.RUNNING, 1, config("a"),
                Set.of("db.password"))).statusCode()).isEqualTo(403);
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/connectors", null, endpoint.admin)
                .statusCode()).isEqualTo(404);
        // registering again starts from an empty slate
        String again = TestEndpoint.json(endpoint.registerConnect("env-ev4", "kafka-ev4", "connect-ev4"))
                .get("id").asText();
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + again + "/connectors", null,
                endpoint.admin)).get("data")).isEmpty();
    }

    @Test
    void malformedBatchesAre400NamingTheField() {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", "[{\"specversion\":\"1.0\"}]".getBytes(),
                endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestEndpoint.json(r).get("errors").get(0).get("detail").asText()).contains("[0]");
    }

    @Test
    void sightingsListOnlyClustersStillUnregistered() {
        endpoint.registerKafka("env-sight", "kafka-s");
        endpoint.registerConnect("env-sight", "kafka-s", "connect-registered");
        String body = "{\"sightings\":["
                + sighting("connect-registered", 3) + "," + sighting("connect-new", 5) + "]}";

        assertThat(endpoint.send("POST", "/usm/v1/sightings", body, endpoint.agent).statusCode()).isEqualTo(204);
        HttpResponse<String> r = endpoint.send("GET", "/usm/v1/sightings?environment=env-sight", null, endpoint.admin);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = TestEndpoint.json(r);
        assertThat(list.get("kind").asText()).isEqualTo("SightingList");
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("data").get(0).get("connect_cluster_id").asText()).isEqualTo("connect-new");
        assertThat(list.get("data").get(0).get("connector_count").asInt()).isEqualTo(5);
        assertThat(endpoint.send("GET", "/usm/v1/sightings?environment=env-sight", null, endpoint.agent).statusCode())
                .isEqualTo(403);
    }

    private static String sighting(String connectId, int count) {
        return "{\"kafka_cluster_id\":\"kafka-s\",\"connect_cluster_id\":\"" + connectId + "\",\"connector_count\":"
                + count + ",\"first_seen\":\"2026-11-20T10:00:00Z\",\"last_seen\":\"2026-11-20T10:05:00Z\","
                + "\"agent_id\":\"agent-1\",\"environment\":{\"id\":\"env-sight\"}}";
    }

    @Test
    void theWebPageShowsConnectorsEscapedAndTheRegisterCommandForSightings() {
        ClusterRef ref = new ClusterRef("kafka-web", "connect-web");
        String usmcc = registered("env-web", ref);
        post(snapshot(ref, "<script>x</script>", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
        endpoint.send("POST", "/usm/v1/sightings", "{\"sightings\":[{\"kafka_cluster_id\":\"kafka-web\","
                + "\"connect_cluster_id\":\"unregistered-web\",\"connector_count\":1,\"first_seen\":"
                + "\"2026-11-20T10:00:00Z\",\"last_seen\":\"2026-11-20T10:00:00Z\",\"environment\":{\"id\":\"env-web\"}}]}",
                endpoint.agent);

        HttpResponse<String> envPage = endpoint.send("GET", "/ui/environments/env-web", null, endpoint.admin);
        HttpResponse<String> clusterPage = endpoint.send("GET", "/ui/connect-clusters/" + usmcc, null, endpoint.admin);
        HttpResponse<String> asAgent = endpoint.send("GET", "/ui", null, endpoint.agent);

        assertThat(envPage.statusCode()).isEqualTo(200);
        assertThat(envPage.body()).contains(usmcc).contains("usm connect register unregistered-web "
                + "--confluent-platform-kafka-cluster kafka-web --environment env-web");
        assertThat(clusterPage.body()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
        assertThat(asAgent.statusCode()).isEqualTo(403);
    }

    @Test
    void noSecretReachesALogOrAResponse() throws Exception {
        ClusterRef ref = new ClusterRef("kafka-sec", "connect-sec");
        String usmcc = registered("env-sec", ref);
        try (LogCapture logs = new LogCapture()) {
            ApiKeyCredentials fresh = endpoint.endpoint().apiKeys().create(ApiRole.ADMIN, "log test");
            HttpResponse<String> wrong = endpoint.sendRaw("GET", "/usm/v1/kafka-clusters?environment=env-sec", null,
                    TestEndpoint.basic(fresh.key(), fresh.secret() + "typo"), null);
            HttpResponse<String> right = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, fresh);
            post(snapshot(ref, "s", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
            HttpResponse<String> connector = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                    + "/connectors/s", null, fresh);
            endpoint.restart();

            String everything = logs.text() + wrong.body() + right.body() + connector.body() + wrong.headers()
                    + right.headers();
            assertThat(logs.text()).contains("usm-endpoint listening on");
            // the stored connector survived the restart, still masked
            HttpResponse<String> afterRestart = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                    + "/connectors/s", null, fresh);
            assertThat(afterRestart.statusCode()).isEqualTo(200);
            assertThat(TestEndpoint.json(afterRestart).get("config").get("db.password").asText()).isEqualTo("********");
            assertThat(everything).doesNotContain(fresh.secret()).doesNotContain(DB_PASSWORD)
                    .doesNotContain(endpoint.keystorePassword()).doesNotContain(endpoint.admin.secret());
            if (endpoint.vendor() == Vendor.POSTGRESQL) {
                assertThat(everything).as("the database password").doesNotContain(TestPostgres.password());
            }
        }
    }
}
