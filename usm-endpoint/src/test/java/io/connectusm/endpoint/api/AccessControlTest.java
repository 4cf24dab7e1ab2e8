package io.connectusm.endpoint.api;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;

/**
 * Who may do what, over real HTTPS: a viewer reads the API and the console and changes nothing; an agent key
 * scoped to an environment (and to listed Connect clusters) writes events and sightings for those only; sightings
 * are bounded, paged and deletable.
 */
class AccessControlTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ClusterRef PROD_A = new ClusterRef("kafka-acl", "connect-a");
    private static final ClusterRef PROD_B = new ClusterRef("kafka-acl", "connect-b");

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of(
            EndpointConfig.SIGHTINGS_MAX_PER_ENVIRONMENT_CONFIG, "5",
            EndpointConfig.SIGHTINGS_MAX_PER_REQUEST_CONFIG, "10"));

    static ApiKeyCredentials viewer;
    static String usmA;
    static String usmB;

    @BeforeAll
    static void registerTwoEnvironments() {
        viewer = endpoint.endpoint().apiKeys().create(ApiRole.VIEWER, "read only");
        for (String env : new String[] {"env-prod", "env-dev"}) {
            endpoint.registerKafka(env, "kafka-acl");
            assertThat(endpoint.registerConnect(env, "kafka-acl", "connect-a").statusCode()).isEqualTo(201);
            assertThat(endpoint.registerConnect(env, "kafka-acl", "connect-b").statusCode()).isEqualTo(201);
        }
        usmA = connectClusterId("env-prod", "connect-a");
        usmB = connectClusterId("env-prod", "connect-b");
    }

    private static String connectClusterId(String env, String cpId) {
        for (JsonNode c : TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=" + env, null,
                endpoint.admin)).get("data")) {
            if (c.get("confluent_platform_connect_cluster_id").asText().equals(cpId)) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("not registered: " + cpId);
    }

    private static HttpResponse<String> events(ApiKeyCredentials as, ClusterRef ref, String name) {
        return endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(snapshot(ref, name,
                Instant.parse("2026-11-20T10:00:00Z"), 1, ConnectorState.RUNNING, 1, Map.of(), Set.of()))), as,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
    }

    private static HttpResponse<String> sightings(ApiKeyCredentials as, String env, String... connectIds) {
        StringBuilder body = new StringBuilder("{\"sightings\":[");
        for (int i = 0; i < connectIds.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"kafka_cluster_id\":\"kafka-seen\",\"connect_cluster_id\":\"")
                    .append(connectIds[i]).append("\",\"connector_count\":1,\"first_seen\":\"2026-11-20T10:00:00Z\",")
                    .append("\"last_seen\":\"2026-11-20T10:00:").append(String.format("%02d", i % 60))
                    .append("Z\",\"environment\":{\"id\":\"").append(env).append("\"}}");
        }
        return endpoint.send("POST", "/usm/v1/sightings", body.append("]}").toString(), as);
    }

    private static ApiKeyCredentials scopedAgent(String env, List<String> clusters) {
        StringBuilder list = new StringBuilder();
        clusters.forEach(c -> list.append(list.isEmpty() ? "" : ",").append('"').append(c).append('"'));
        HttpResponse<String> r = endpoint.send("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":\"agent\","
                + "\"description\":\"scoped\",\"scope\":{\"environment\":{\"id\":\"" + env + "\"},"
                + "\"connect_clusters\":[" + list + "]}}}", endpoint.admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode key = TestEndpoint.json(r);
        return new ApiKeyCredentials(key.get("id").asText(), key.get("spec").get("secret").asText(), ApiRole.AGENT);
    }

    private static int connectorCount(String usmcc) {
        return TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/connectors", null,
                endpoint.admin)).get("data").size();
    }

    @Test
    void aViewerReadsTheApiAndTheConsoleButChangesNothing() {
        assertThat(events(endpoint.agent, PROD_A, "seen-by-viewer").statusCode()).isEqualTo(204);
        for (String path : new String[] {"/usm/v1/connect-clusters?environment=env-prod",
                "/usm/v1/kafka-clusters?environment=env-prod", "/usm/v1/connect-clusters/" + usmA + "/connectors",
                "/usm/v1/connect-clusters/" + usmA + "/connectors/seen-by-viewer",
                "/usm/v1/connect-clusters/" + usmA + "/connectors/seen-by-viewer/history",
                "/usm/v1/connect-clusters/" + usmA + "/plugins", "/usm/v1/sightings?environment=env-prod",
                "/ui", "/ui/environments/env-prod", "/ui/connect-clusters/" + usmA,
                "/ui/connect-clusters/" + usmA + "/connectors/seen-by-viewer"}) {
            assertThat(endpoint.send("GET", path, null, viewer).statusCode()).as(path).isEqualTo(200);
        }
        // no form on a viewer's pages
        assertThat(endpoint.send("GET", "/ui/connect-clusters/" + usmA, null, viewer).body())
                .doesNotContain("/deregister").doesNotContain("Deregister</button>");

        List<HttpResponse<String>> refused = List.of(
                endpoint.send("POST", "/usm/v1/kafka-clusters", "{\"confluent_platform_kafka_cluster_id\":\"k9\","
                        + "\"cloud\":\"aws\",\"region\":\"us-east-1\"}", viewer),
                endpoint.send("DELETE", "/usm/v1/connect-clusters/" + usmA, null, viewer),
                endpoint.send("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":\"admin\"}}", viewer),
                endpoint.send("GET", "/usm/v1/api-keys", null, viewer),
                events(viewer, PROD_A, "by-viewer"),
                sightings(viewer, "env-prod", "connect-by-viewer"),
                endpoint.sendRaw("POST", "/ui/connect-clusters/" + usmA + "/deregister", "confirm_name=connect-a",
                        TestEndpoint.basic(viewer.key(), viewer.secret()), "application/x-www-form-urlencoded"));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(403);
        }
        assertThat(refused.get(6).headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/html"));
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmA + "/connectors/by-viewer", null,
                endpoint.admin).statusCode()).isEqualTo(404);
        assertThat(connectClusterId("env-prod", "connect-a")).isEqualTo(usmA);
    }

    @Test
    void anAgentKeyReadsNoConnectors() {
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmA + "/connectors", null, endpoint.agent)
                .statusCode()).isEqualTo(403);
        assertThat(endpoint.send("GET", "/ui", null, endpoint.agent).statusCode()).isEqualTo(403);
    }

    @Test
    void aScopedAgentKeyWritesForItsEnvironmentAndListedClustersOnly() {
        ApiKeyCredentials devOnly = scopedAgent("env-dev", List.of());
        ApiKeyCredentials prodA = scopedAgent("env-prod", List.of("connect-a"));
        String devA = connectClusterId("env-dev", "connect-a");
        int prodBefore = connectorCount(usmA);

        // connect-a is registered in both environments: the dev key writes the dev registration only
        assertThat(events(devOnly, PROD_A, "dev-only").statusCode()).isEqualTo(204);
        assertThat(connectorCount(devA)).isEqualTo(1);
        assertThat(connectorCount(usmA)).isEqualTo(prodBefore);

        assertThat(events(prodA, PROD_A, "prod-a").statusCode()).isEqualTo(204);
        HttpResponse<String> otherCluster = events(prodA, PROD_B, "prod-b");
        assertThat(otherCluster.statusCode()).isEqualTo(403);
        JsonNode error = TestEndpoint.json(otherCluster).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("outside_key_scope");
        assertThat(error.get("clusters").get(0).get("connect_cluster_id").asText()).isEqualTo("connect-b");
        assertThat(connectorCount(usmB)).isZero();
        // an unregistered cluster outside the list is outside the scope too, not "not registered"
        assertThat(TestEndpoint.json(events(prodA, new ClusterRef("kafka-x", "connect-x"), "x")).get("errors").get(0)
                .get("code").asText()).isEqualTo("outside_key_scope");

        assertThat(sightings(devOnly, "env-dev", "connect-new").statusCode()).isEqualTo(204);
        HttpResponse<String> prodSighting = sightings(devOnly, "env-prod", "connect-new");
        assertThat(prodSighting.statusCode()).isEqualTo(403);
        assertThat(sightings(prodA, "env-prod", "connect-a", "connect-z").statusCode()).isEqualTo(403);

        JsonNode described = TestEndpoint.json(endpoint.send("GET", "/usm/v1/api-keys/" + prodA.key(), null,
                endpoint.admin));
        assertThat(described.get("spec").get("scope").toString())
                .isEqualTo("{\"environment\":{\"id\":\"env-prod\"},\"connect_clusters\":[\"connect-a\"]}");
    }

    @Test
    void onlyAgentKeysCanBeScoped() {
        HttpResponse<String> r = endpoint.send("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":\"viewer\","
                + "\"scope\":{\"environment\":{\"id\":\"env-prod\"}}}}", endpoint.admin);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("only agent keys can be scoped");
    }

    @Test
    void sightingsAreBoundedPagedAndDeletable() {
        // one request may carry 10; more is 413 and stores nothing
        assertThat(sightings(endpoint.agent, "env-seen", "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9",
                "c10").statusCode()).isEqualTo(413);
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/sightings?environment=env-seen", null,
                endpoint.admin)).get("metadata").get("total_size").asInt()).isZero();

        // 8 sightings, last_seen in order: the environment keeps the newest 5
        assertThat(sightings(endpoint.agent, "env-seen", "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7")
                .statusCode()).isEqualTo(204);
        List<String> seen = new java.util.ArrayList<>();
        String next = "/usm/v1/sightings?environment=env-seen&page_size=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = TestEndpoint.json(endpoint.send("GET", next, null, viewer));
            assertThat(page.get("metadata").get("total_size").asInt()).isEqualTo(5);
            page.get("data").forEach(s -> seen.add(s.get("connect_cluster_id").asText()));
            next = page.get("metadata").has("next") ? page.get("metadata").get("next").asText() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        // the list is most recent first (the offer an operator acts on)
        assertThat(seen).containsExactly("c7", "c6", "c5", "c4", "c3");

        assertThat(endpoint.send("DELETE", "/usm/v1/sightings/kafka-seen/c5?environment=env-seen", null, viewer)
                .statusCode()).isEqualTo(403);
        assertThat(endpoint.send("DELETE", "/usm/v1/sightings/kafka-seen/c5?environment=env-seen", null,
                endpoint.admin).statusCode()).isEqualTo(204);
        assertThat(endpoint.send("DELETE", "/usm/v1/sightings/kafka-seen/c5?environment=env-seen", null,
                endpoint.admin).statusCode()).isEqualTo(404);
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/sightings?environment=env-seen&page_size=100", null,
                endpoint.admin)).get("data").findValuesAsText("connect_cluster_id"))
                .containsExactly("c7", "c6", "c4", "c3");
    }
}
