package io.connectusm.cli.endpoint;

import java.util.List;

import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeyInfo;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;

/**
 * Where {@code usm endpoint api-key} manages keys: the endpoint's database directly (endpoint stopped) or the
 * running endpoint's {@code /usm/v1/api-keys} API. Failures are {@code UsmCliException}s with the human detail.
 * One instance per command run; close it.
 */
interface ApiKeyManager extends AutoCloseable {

    /** Creates a key (limited to {@code scope}); the returned secret is the only copy there will ever be. */
    ApiKeyCredentials create(ApiRole role, String description, KeyScope scope);

    /** Every key, never a secret. */
    List<ApiKeyInfo> list();

    /** Deletes a key; an error naming it when there is none. */
    void delete(String key);

    @Override
    void close();
}
