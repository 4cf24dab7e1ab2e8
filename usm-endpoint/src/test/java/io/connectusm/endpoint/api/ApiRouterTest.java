package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.IdGenerator;
import io.connectusm.endpoint.store.Stores;

/**
 * The router over the real {@code usm/v1} route table and a real database file, without HTTP: the order of its
 * checks (authentication, area role, path, method, route role) and how failures become responses.
 */
class ApiRouterTest {

    @TempDir
    Path dir;
    Database database;
    ApiKeys keys;
    ApiRouter router;
    ApiKeyCredentials admin;
    ApiKeyCredentials agent;

    @BeforeEach
    void setUp() {
        database = Database.open(dir);
        ApiKeys keys = ApiKeys.over(database, 1_000);
        admin = keys.create(ApiRole.ADMIN, "");
        agent = keys.create(ApiRole.AGENT, "");
        router = router(keys, Links.relative());
        this.keys = keys;
    }

    private ApiRouter router(ApiKeys keys, Links links) {
        RouteTable routes = UsmV1Api.addRoutes(RouteTable.builder(), Stores.over(database, new IdGenerator()), keys,
                links, "env-default1").build();
        return new ApiRouter(new Authenticator(keys), routes, true, "");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private ApiResponse send(String method, String uri, ApiKeyCredentials as, String body, String host) {
        return send(router, method, uri, as, body, host);
    }

    private static ApiResponse send(ApiRouter router, String method, String uri, ApiKeyCredentials as, String body,
                                    String host) {
        return router.handle(ApiRequest.of(method, uri, as == null ? null : TestEndpoint.basic(as.key(), as.secret()),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), host,
                body == null ? Map.of() : Map.of("Content-Type", "application/json"), "127.0.0.1"));
    }

    private ApiResponse send(String method, String uri, ApiKeyCredentials as) {
        return send(method, uri, as, null, null);
    }

    private static JsonNode error(ApiResponse response) {
        return Json.tree(response.bodyAsString()).get("errors").get(0);
    }

    @Test
    void registersAKafkaClusterInTheDefaultEnvironment() {
        ApiResponse r = send("POST", "/usm/v1/kafka-clusters", admin, "{\"confluent_platform_kafka_cluster_id\":\"k1\","
                + "\"cloud\":\"azure\",\"region\":\"westeurope\"}", null);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode body = Json.tree(r.bodyAsString());
        assertThat(body.get("environment").get("id").asText()).isEqualTo("env-default1");
        assertThat(body.get("cloud").asText()).isEqualTo("AZURE");
    }

    @Test
    void unauthenticatedRequestsGet401WithAChallengeBeforeAnythingElseIsLookedAt() {
        for (String uri : new String[] {"/usm/v1/kafka-clusters?environment=env-1", "/no/such/path", "/ui"}) {
            ApiResponse r = send("GET", uri, null);

            assertThat(r.status()).as(uri).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).startsWith("Basic");
            assertThat(r.bodyAsString()).isEqualTo("{\"errors\":[{\"status\":\"401\",\"code\":\"unauthorized\","
                    + "\"detail\":\"authentication required\"}]}");
        }
    }

    @Test
    void listLinksAreRelativeOrUnderThePublicUrlAndNeverFromTheHostHeader() {
        String list = "/usm/v1/connect-clusters?environment=env-1&page_size=5";
        ApiRouter behindBalancer = router(keys, new Links("https://usm.example.com:8443"));

        ApiResponse relative = send("GET", list, admin, null, "evil.example.com");
        ApiResponse absolute = send(behindBalancer, "GET", list, admin, null, "evil.example.com");

        assertThat(Json.tree(relative.bodyAsString()).get("metadata").get("first").asText()).isEqualTo(list);
        assertThat(Json.tree(absolute.bodyAsString()).get("metadata").get("first").asText())
                .isEqualTo("https://usm.example.com:8443" + list);
        assertThat(relative.bodyAsString() + absolute.bodyAsString()).doesNotContain("evil");
    }

    @Test
    void unknownPathsAre404AndAKnownPathWithAnotherMethodIs405() {
        ApiResponse unknown = send("GET", "/usm/v1/kafka-clusters/usmkc-1/extra", admin);
        ApiResponse wrongMethod = send("PUT", "/usm/v1/kafka-clusters", admin);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(error(unknown).get("detail").asText()).isEqualTo("no such resource: /usm/v1/kafka-clusters/usmkc-1/extra");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(error(wrongMethod).get("detail").asText())
                .isEqualTo("PUT is not supported on /usm/v1/kafka-clusters");
    }

    @Test
    void anAreaNeedsItsRoleBeforeItsPathsAreLookedUp() {
        ApiResponse asAgent = send("GET", "/usm/v1/api-keys/x/y", agent);
        ApiResponse asAdmin = send("GET", "/usm/v1/api-keys/x/y", admin);

        assertThat(asAgent.status()).isEqualTo(403);
        assertThat(error(asAgent).get("detail").asText()).isEqualTo("managing API keys needs an API key with role admin");
        assertThat(asAdmin.status()).isEqualTo(404);
    }

    @Test
    void aRouteRefusesAKeyWithoutItsRoleSayingWhatNeedsIt() {
        ApiResponse r = send("POST", "/usm/v1/kafka-clusters", agent, "{\"confluent_platform_kafka_cluster_id\":\"k\","
                + "\"cloud\":\"aws\",\"region\":\"us-east-1\"}", null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(error(r).get("code").asText()).isEqualTo("forbidden");
        assertThat(error(r).get("detail").asText()).isEqualTo("registering a Kafka cluster needs an API key with role admin");
        assertThat(send("GET", "/usm/v1/kafka-clusters?environment=env-default1", agent).status()).isEqualTo(200);
    }

    @Test
    void refusedRegistrationsMapToTheirStatus() {
        String kafka = "{\"confluent_platform_kafka_cluster_id\":\"k\",\"cloud\":\"aws\",\"region\":\"us-east-1\"}";
        assertThat(send("POST", "/usm/v1/kafka-clusters", admin, kafka, null).status()).isEqualTo(201);

        ApiResponse duplicate = send("POST", "/usm/v1/kafka-clusters", admin, kafka, null);
        ApiResponse noKafka = send("POST", "/usm/v1/connect-clusters", admin, "{\"confluent_platform_connect_cluster_id\":"
                + "\"c\",\"kafka_cluster_id\":\"unknown\"}", null);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(error(duplicate).get("code").asText()).isEqualTo("conflict");
        assertThat(error(duplicate).get("detail").asText())
                .isEqualTo("Kafka cluster \"k\" is already registered in environment \"env-default1\"");
        assertThat(noKafka.status()).isEqualTo(400);
        assertThat(error(noKafka).get("code").asText()).isEqualTo("kafka_cluster_not_registered");
    }
}
