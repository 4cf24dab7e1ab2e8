package io.connectusm.cli.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.cli.login.UsmApiClient;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;

/**
 * {@link ApiKeyManager} through a running endpoint's admin-only {@code /usm/v1/api-keys} API, authenticated
 * with the CLI's usual connection (an admin key).
 */
final class HttpApiKeyManager implements ApiKeyManager {

    static final String PATH = "/usm/v1/api-keys";

    private final UsmApiClient client;

    HttpApiKeyManager(UsmApiClient client) {
        this.client = client;
    }

    @Override
    public ApiKeyCredentials create(ApiRole role, String description, KeyScope scope) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode spec = body.putObject("spec").put("role", role.label()).put("description", description);
        if (scope.isScoped()) {
            ObjectNode limits = spec.putObject("scope");
            limits.putObject("environment").put("id", scope.environment());
            scope.connectClusters().forEach(limits.putArray("connect_clusters")::add);
        }
        JsonNode created = client.post(PATH, body);
        return new ApiKeyCredentials(created.path("id").asText(), created.path("spec").path("secret").asText(),
                ApiRole.parse(created.path("spec").path("role").asText()));
    }

    @Override
    public List<ApiKeyInfo> list() {
        List<ApiKeyInfo> out = new ArrayList<>();
        for (JsonNode key : client.get(PATH).path("data")) {
            out.add(new ApiKeyInfo(key.path("id").asText(), ApiRole.parse(key.path("spec").path("role").asText()),
                    key.path("spec").path("description").asText(""),
                    Instant.parse(key.path("metadata").path("created_at").asText())));
        }
        return out;
    }

    @Override
    public void delete(String key) {
        client.delete(PATH + "/" + UsmApiClient.encode(key));
    }

    @Override
    public void close() {
        // the JDK client holds nothing that needs closing before Java 21
    }
}
