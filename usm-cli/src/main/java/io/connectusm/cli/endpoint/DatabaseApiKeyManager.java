package io.connectusm.cli.endpoint;

import java.util.List;

import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;

/** {@link ApiKeyManager} on the endpoint's database file, for bootstrapping while the endpoint is stopped. */
final class DatabaseApiKeyManager implements ApiKeyManager {

    private final ApiKeys keys;

    DatabaseApiKeyManager(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public ApiKeyCredentials create(ApiRole role, String description, KeyScope scope) {
        try {
            return keys.create(role, description, scope);
        } catch (IllegalArgumentException e) {
            throw new UsmCliException(e.getMessage());
        }
    }

    @Override
    public List<ApiKeyInfo> list() {
        return keys.list();
    }

    @Override
    public void delete(String key) {
        if (!keys.delete(key)) {
            throw new UsmCliException("API key \"" + key + "\" not found");
        }
    }

    @Override
    public void close() {
        keys.close();
    }
}
