package io.connectusm.cli.endpoint;

import java.time.Instant;
import java.util.List;

import io.connectusm.api.ApiKey;
import io.connectusm.api.UsmApiClient;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;

/**
 * {@link ApiKeyManager} through a running endpoint's admin-only {@code /usm/v1/api-keys} API, authenticated
 * with the CLI's usual connection (an admin key).
 */
final class HttpApiKeyManager implements ApiKeyManager {

    private final UsmApiClient client;

    HttpApiKeyManager(UsmApiClient client) {
        this.client = client;
    }

    @Override
    public ApiKeyCredentials create(ApiRole role, String description, KeyScope scope) {
        ApiKey created = client.createApiKey(role.label(), description, scope.environment(), scope.connectClusters());
        return new ApiKeyCredentials(created.key(), created.secret(), ApiRole.parse(created.role()));
    }

    @Override
    public List<ApiKeyInfo> list() {
        return client.apiKeys().stream().map(k -> new ApiKeyInfo(k.key(), ApiRole.parse(k.role()),
                k.description() == null ? "" : k.description(), k.createdAt() == null ? Instant.EPOCH : k.createdAt()))
                .toList();
    }

    @Override
    public void delete(String key) {
        client.deleteApiKey(key);
    }

    @Override
    public void close() {
        // the JDK client holds nothing that needs closing before Java 21
    }
}
