package io.connectusm.endpoint.auth;

import java.time.Instant;

/**
 * An API key as listed: never its secret or hash. Immutable.
 *
 * @param key         the key ID
 * @param role        what it may do
 * @param description free text given at creation, may be empty
 * @param createdAt   when it was created
 * @param scope       where a scoped agent key may write; {@link KeyScope#UNSCOPED} otherwise
 */
public record ApiKeyInfo(String key, ApiRole role, String description, Instant createdAt, KeyScope scope) {

    /** An unscoped key. */
    public ApiKeyInfo(String key, ApiRole role, String description, Instant createdAt) {
        this(key, role, description, createdAt, KeyScope.UNSCOPED);
    }
}
