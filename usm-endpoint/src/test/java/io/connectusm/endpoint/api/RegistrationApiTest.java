package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.testing.EachDatabase;

/** The usm/v1 registrations API over real HTTPS, against a real database: H2 and PostgreSQL. */
@EachDatabase
class RegistrationApiTest {

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    @Test
    void registersKafkaThenConnectClusterWithRegionFallingBackToKafkaHomeRegion() {
        String usmkc = endpoint.registerKafka("env-reg1", "4k0R9d1GTS5tI9f4Y2xZ0Q");
        HttpResponse<String> created = endpoint.registerConnect("env-reg1", "4k0R9d1GTS5tI9f4Y2xZ0Q",
                "connect-group-xyz123");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode cc = TestEndpoint.json(created);
        assertThat(cc.get("api_version").asText()).isEqualTo("usm/v1");
        assertThat(cc.get("kind").asText()).isEqualTo("ConnectCluster");
        assertThat(cc.get("id").asText()).matches("usmcc-[a-z0-9]{12}");
        assertThat(cc.get("confluent_platform_connect_cluster_id").asText()).isEqualTo("connect-group-xyz123");
        assertThat(cc.get("kafka_cluster_id").asText()).isEqualTo("4k0R9d1GTS5tI9f4Y2xZ0Q");
        assertThat(cc.get("usm_kafka_cluster_id").asText()).isEqualTo(usmkc);
        assertThat(cc.get("cloud").asText()).isEqualTo("AWS");
        assertThat(cc.get("region").asText()).isEqualTo("us-east-1");
        assertThat(cc.get("environment").get("id").asText()).isEqualTo("env-reg1");

        HttpResponse<String> described = endpoint.send("GET", "/usm/v1/connect-clusters/" + cc.get("id").asText(),
                null, endpoint.agent);
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(TestEndpoint.json(described)).isEqualTo(cc);
    }

    @Test
    void connectClusterNeedsItsKafkaClusterRegisteredFirst() {
        HttpResponse<String> r = endpoint.registerConnect("env-reg2", "unknown-kafka", "connect-a");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = TestEndpoint.json(r).get("errors").get(0);
        assertThat(error.get("status").asText()).isEqualTo("400");
        assertThat(error.get("code").asText()).isEqualTo("kafka_cluster_not_registered");
        assertThat(error.get("detail").asText()).contains("unknown-kafka").contains("env-reg2");
    }

    @Test
    void registeringTheSameLocalClusterTwiceInAnEnvironmentIsAConflict() {
        endpoint.registerKafka("env-reg3", "kafka-3");
        assertThat(endpoint.registerConnect("env-reg3", "kafka-3", "connect-3").statusCode()).isEqualTo(201);

        HttpResponse<String> again = endpoint.registerConnect("env-reg3", "kafka-3", "connect-3");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestEndpoint.json(again).get("errors").get(0).get("code").asText()).isEqualTo("conflict");
        // Another environment may register the same local cluster.
        endpoint.registerKafka("env-reg3b", "kafka-3");
        assertThat(endpoint.registerConnect("env-reg3b", "kafka-3", "connect-3").statusCode()).isEqualTo(201);
    }

    @Test
    void twentyParallelRegistrationsOfDistinctClustersAllSucceedAndOfOneClusterExactlyOnce() throws Exception {
        endpoint.registerKafka("env-par", "kafka-par");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> distinct = new ArrayList<>();
            List<Future<HttpResponse<String>>> same = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                distinct.add(pool.submit(() -> endpoint.registerConnect("env-par", "kafka-par", "connect-" + n)));
                same.add(pool.submit(() -> endpoint.registerConnect("env-par", "kafka-par", "connect-same")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> f : distinct) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                ids.add(TestEndpoint.json(r).get("id").asText());
            }
            assertThat(ids).hasSize(20);
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : same) {
                statuses.add(f.get(60, TimeUnit.SECONDS).statusCode());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> list = endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-par&page_size=100",
                null, endpoint.admin);
        assertThat(TestEndpoint.json(list).get("metadata").get("total_size").asInt()).isEqualTo(21);
    }

    @Test
    void listsArePagedWithNextLinksAndFilteredByEnvironment() {
        endpoint.registerKafka("env-page", "kafka-page");
        endpoint.registerKafka("env-other", "kafka-page");
        endpoint.registerConnect("env-other", "kafka-page", "not-in-env-page");
        for (int i = 0; i < 25; i++) {
            assertThat(endpoint.registerConnect("env-page", "kafka-page", "c-" + i).statusCode()).isEqualTo(201);
        }
        Set<String> seen = new HashSet<>();
        String next = "/usm/v1/connect-clusters?environment=env-page&page_size=10";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> r = endpoint.send("GET", next, null, endpoint.agent);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = TestEndpoint.json(r);
            assertThat(body.get("kind").asText()).isEqualTo("ConnectClusterList");
            assertThat(body.get("metadata").get("total_size").asInt()).isEqualTo(25);
            assertThat(body.get("metadata").get("first").asText())
                    .isEqualTo("/usm/v1/connect-clusters?environment=env-page&page_size=10");
            for (JsonNode cc : body.get("data")) {
                assertThat(cc.get("environment").get("id").asText()).isEqualTo("env-page");
                assertThat(seen.add(cc.get("confluent_platform_connect_cluster_id").asText())).isTrue();
            }
            pages++;
            JsonNode nextNode = body.get("metadata").get("next");
            next = nextNode == null ? null : nextNode.asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25);
    }

    @Test
    void listWithoutEnvironmentIsABadRequest() {
        HttpResponse<String> r = endpoint.send("GET", "/usm/v1/connect-clusters", null, endpoint.agent);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"status\":\"400\"").contains("environment");
    }

    @Test
    void agentsReadRegistrationsButCannotManageThem() {
        String usmkc = endpoint.registerKafka("env-roles", "kafka-roles");
        HttpResponse<String> post = endpoint.send("POST", "/usm/v1/kafka-clusters",
                "{\"confluent_platform_kafka_cluster_id\":\"k2\",\"cloud\":\"gcp\",\"region\":\"europe-west1\"}",
                endpoint.agent);
        HttpResponse<String> delete = endpoint.send("DELETE", "/usm/v1/kafka-clusters/" + usmkc, null, endpoint.agent);
        HttpResponse<String> read = endpoint.send("GET", "/usm/v1/kafka-clusters/" + usmkc, null, endpoint.agent);

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(TestEndpoint.json(post).get("errors").get(0).get("code").asText()).isEqualTo("forbidden");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(TestEndpoint.json(read).get("confluent_platform_kafka_cluster_id").asText()).isEqualTo("kafka-roles");
    }

    @Test
    void wrongOrMissingCredentialsGetTheSame401WithNoHint() {
        HttpResponse<String> none = endpoint.send("GET", "/usm/v1/kafka-clusters?environment=env-x", null, null);
        HttpResponse<String> wrongSecret = endpoint.sendRaw("GET", "/usm/v1/kafka-clusters?environment=env-x", null,
                TestEndpoint.basic(endpoint.admin.key(), "not-the-secret"), null);
        HttpResponse<String> unknownKey = endpoint.sendRaw("GET", "/usm/v1/kafka-clusters?environment=env-x", null,
                TestEndpoint.basic("NOSUCHKEY0000000", endpoint.admin.secret()), null);
        HttpResponse<String> garbage = endpoint.sendRaw("GET", "/usm/v1/kafka-clusters?environment=env-x", null,
                "Basic %%%", null);

        for (HttpResponse<String> r : List.of(none, wrongSecret, unknownKey, garbage)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(none.body());
        }
        assertThat(none.body()).doesNotContain(endpoint.admin.key());
    }

    @Test
    void deletingAKafkaClusterWithConnectClustersIsAConflictAndUnknownIdsAre404() {
        String usmkc = endpoint.registerKafka("env-del", "kafka-del");
        String usmcc = TestEndpoint.json(endpoint.registerConnect("env-del", "kafka-del", "connect-del"))
                .get("id").asText();

        assertThat(endpoint.send("DELETE", "/usm/v1/kafka-clusters/" + usmkc, null, endpoint.admin).statusCode())
                .isEqualTo(409);
        assertThat(endpoint.send("DELETE", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(204);
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(404);
        assertThat(endpoint.send("DELETE", "/usm/v1/kafka-clusters/" + usmkc, null, endpoint.admin).statusCode())
                .isEqualTo(204);
        HttpResponse<String> missing = endpoint.send("DELETE", "/usm/v1/kafka-clusters/" + usmkc, null, endpoint.admin);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestEndpoint.json(missing).get("errors").get(0).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void invalidBodiesNameTheField() {
        HttpResponse<String> badCloud = endpoint.send("POST", "/usm/v1/kafka-clusters",
                "{\"confluent_platform_kafka_cluster_id\":\"k\",\"cloud\":\"mars\",\"region\":\"r1\"}", endpoint.admin);
        HttpResponse<String> notJson = endpoint.send("POST", "/usm/v1/kafka-clusters", "{nope", endpoint.admin);

        assertThat(badCloud.statusCode()).isEqualTo(400);
        assertThat(badCloud.body()).contains("cloud must be one of AWS, AZURE, GCP");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
    }

    @Test
    void theJavaApiRegistersLikeTheHttpApi() {
        String usmkc = endpoint.endpoint().registerKafkaCluster("env-java", "kafka-java", "gcp", "europe-west1");
        String usmcc = endpoint.endpoint().registerConnectCluster("env-java", "kafka-java", "connect-java");

        JsonNode cc = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.agent));
        assertThat(cc.get("usm_kafka_cluster_id").asText()).isEqualTo(usmkc);
        assertThat(cc.get("region").asText()).isEqualTo("europe-west1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        endpoint.endpoint().registerConnectCluster("env-java", "kafka-java", "connect-java"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
    }

    @Test
    void registrationsSurviveARestart() throws Exception {
        endpoint.registerKafka("env-restart", "kafka-restart");
        String usmcc = TestEndpoint.json(endpoint.registerConnect("env-restart", "kafka-restart", "connect-restart"))
                .get("id").asText();

        endpoint.restart();

        HttpResponse<String> r = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestEndpoint.json(r).get("confluent_platform_connect_cluster_id").asText())
                .isEqualTo("connect-restart");
    }
}
