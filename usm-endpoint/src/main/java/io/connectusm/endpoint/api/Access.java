package io.connectusm.endpoint.api;

import java.util.EnumSet;
import java.util.Set;

import io.connectusm.endpoint.auth.ApiRole;

/**
 * Which API keys a route admits, by role. Declared per route in the route table, checked in one place
 * ({@link ApiRouter}). Immutable.
 */
public enum Access {
    /** Any valid key, whatever its role. */
    ANY_KEY(EnumSet.allOf(ApiRole.class)),
    /** Keys with role {@code admin} only. */
    ADMIN(EnumSet.of(ApiRole.ADMIN));

    private final Set<ApiRole> roles;

    Access(Set<ApiRole> roles) {
        this.roles = roles;
    }

    boolean permits(ApiRole role) {
        return roles.contains(role);
    }

    /** What a refused caller is told it needs. */
    String needs() {
        return this == ADMIN ? "an API key with role admin" : "a valid API key";
    }
}
