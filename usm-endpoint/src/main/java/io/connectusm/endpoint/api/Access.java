package io.connectusm.endpoint.api;

import java.util.EnumSet;
import java.util.Set;

import io.connectusm.endpoint.auth.ApiRole;

/**
 * Which API keys a route admits, by role. Declared per route in the route table, checked in one place
 * ({@link ApiRouter}). Immutable.
 */
public enum Access {
    /** No credentials needed (the console's login page); served before authentication. */
    PUBLIC(EnumSet.allOf(ApiRole.class), "nothing"),
    /** Any valid key, whatever its role. */
    ANY_KEY(EnumSet.allOf(ApiRole.class), "a valid API key"),
    /** Keys that may read what the endpoint stores: {@code viewer} and {@code admin}. */
    READ(EnumSet.of(ApiRole.VIEWER, ApiRole.ADMIN), "an API key with role viewer or admin"),
    /** Keys that may report what agents see (events, sightings): {@code agent} and {@code admin}. */
    REPORT(EnumSet.of(ApiRole.AGENT, ApiRole.ADMIN), "an API key with role agent or admin"),
    /** Keys with role {@code admin} only. */
    ADMIN(EnumSet.of(ApiRole.ADMIN), "an API key with role admin");

    private final Set<ApiRole> roles;
    private final String needs;

    Access(Set<ApiRole> roles, String needs) {
        this.roles = roles;
        this.needs = needs;
    }

    /** Whether a key with {@code role} is admitted. */
    public boolean permits(ApiRole role) {
        return roles.contains(role);
    }

    /** What a refused caller is told it needs. */
    String needs() {
        return needs;
    }
}
