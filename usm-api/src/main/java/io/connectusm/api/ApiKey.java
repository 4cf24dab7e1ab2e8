package io.connectusm.api;

import java.time.Instant;

/**
 * An API key of the endpoint. The secret is present only in the answer that created the key; {@code toString()}
 * hides it. Immutable.
 *
 * @param key         the key, e.g. {@code ABCDEFGHIJKLMNOP}
 * @param role        {@code admin} or {@code agent} (the roles the endpoint knows)
 * @param description what it is for
 * @param createdAt   when it was created, or {@code null}
 * @param secret      the secret, or {@code null} (always, except right after creation)
 */
public record ApiKey(String key, String role, String description, Instant createdAt, String secret) {

    @Override
    public String toString() {
        return "ApiKey[key=" + key + ", role=" + role + ", description=" + description + ", createdAt=" + createdAt
                + ", secret=" + (secret == null ? "none" : "[hidden]") + "]";
    }
}
