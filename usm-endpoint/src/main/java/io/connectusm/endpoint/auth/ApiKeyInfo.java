package io.connectusm.endpoint.auth;

import java.time.Instant;

/**
 * An API key as listed: never its secret or hash. Immutable.
 *
 * @param key         the key ID
 * @param role        what it may do
 * @param description free text given at creation, may be empty
 * @param createdAt   when it was created
 */
public record ApiKeyInfo(String key, ApiRole role, String description, Instant createdAt) {
}
