package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/** {@code /usm/v1/api-keys} over real HTTPS: admin only, the secret shown once, never the last admin key deleted. */
class ApiKeysApiTest {

    @TempDir
    Path dir;
    TestEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = TestEndpoint.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
    }

    @Test
    void createsAKeyWhoseSecretIsShownOnceAndWorksRightAway() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> created = endpoint.send("POST", "/usm/v1/api-keys",
                    "{\"spec\":{\"role\":\"agent\",\"description\":\"agent eu-1\"}}", endpoint.admin);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode key = TestEndpoint.json(created);
            assertThat(key.get("kind").asText()).isEqualTo("ApiKey");
            String id = key.get("id").asText();
            String secret = key.get("spec").get("secret").asText();
            assertThat(key.get("spec").get("role").asText()).isEqualTo("agent");
            assertThat(key.get("spec").get("description").asText()).isEqualTo("agent eu-1");
            assertThat(key.get("metadata").get("created_at").asText()).isNotEmpty();

            ApiKeyCredentials fresh = new ApiKeyCredentials(id, secret, ApiRole.AGENT);
            assertThat(endpoint.send("GET", "/usm/v1/kafka-clusters?environment=env-k", null, fresh).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> listed = endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin);
            HttpResponse<String> one = endpoint.send("GET", "/usm/v1/api-keys/" + id, null, endpoint.admin);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(TestEndpoint.json(listed).get("metadata").get("total_size").asInt()).isEqualTo(3);
            assertThat(listed.body()).contains(id).contains("agent eu-1").doesNotContain(secret)
                    .doesNotContain("\"secret\"");
            assertThat(one.body()).contains(id).doesNotContain(secret);
            assertThat(logs.text()).contains("API key " + id + " created with role agent")
                    .doesNotContain(secret).doesNotContain(endpoint.admin.secret());
        }
    }

    @Test
    void onlyAdminKeysManageKeys() {
        assertThat(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.agent).statusCode()).isEqualTo(403);
        assertThat(endpoint.send("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":\"admin\"}}", endpoint.agent)
                .statusCode()).isEqualTo(403);
        assertThat(endpoint.send("DELETE", "/usm/v1/api-keys/" + endpoint.admin.key(), null, endpoint.agent)
                .statusCode()).isEqualTo(403);
        assertThat(endpoint.send("GET", "/usm/v1/api-keys", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeletedKeyIsRefusedFromThenOn() {
        assertThat(endpoint.send("DELETE", "/usm/v1/api-keys/" + endpoint.agent.key(), null, endpoint.admin)
                .statusCode()).isEqualTo(204);

        assertThat(endpoint.send("GET", "/usm/v1/kafka-clusters?environment=env-k", null, endpoint.agent)
                .statusCode()).isEqualTo(401);
        HttpResponse<String> again = endpoint.send("DELETE", "/usm/v1/api-keys/" + endpoint.agent.key(), null,
                endpoint.admin);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(TestEndpoint.json(again).get("errors").get(0).get("detail").asText())
                .isEqualTo("API key \"" + endpoint.agent.key() + "\" not found");
    }

    @Test
    void theLastAdminKeyCannotBeDeleted() {
        HttpResponse<String> r = endpoint.send("DELETE", "/usm/v1/api-keys/" + endpoint.admin.key(), null,
                endpoint.admin);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(TestEndpoint.json(r).get("errors").get(0).get("detail").asText())
                .isEqualTo("API key \"" + endpoint.admin.key() + "\" is the last admin key; create another admin key first");
        assertThat(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsSayWhatIsExpected() {
        HttpResponse<String> noSpec = endpoint.send("POST", "/usm/v1/api-keys", "{\"role\":\"admin\"}", endpoint.admin);
        HttpResponse<String> badRole = endpoint.send("POST", "/usm/v1/api-keys", "{\"spec\":{\"role\":\"root\"}}",
                endpoint.admin);

        assertThat(noSpec.statusCode()).isEqualTo(400);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(TestEndpoint.json(badRole).get("errors").get(0).get("detail").asText())
                .isEqualTo("role must be one of admin, agent, viewer; got: root");
    }
}
