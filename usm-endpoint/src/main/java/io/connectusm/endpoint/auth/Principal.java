package io.connectusm.endpoint.auth;

import java.util.Objects;

/**
 * Who is calling: the API key, its role and its scope, once {@link Authenticator} (basic credentials) or
 * {@link ConsoleSessions} (a console session cookie) checked it. Never holds the secret. Immutable.
 *
 * @param key       the API key ID
 * @param role      what the key may do
 * @param scope     where a scoped agent key may write; {@link KeyScope#UNSCOPED} for others
 * @param sessionId the console session the request came with, or {@code null} for basic credentials
 */
public record Principal(String key, ApiRole role, KeyScope scope, String sessionId) {

    public Principal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    /** An unscoped caller with basic credentials. */
    public Principal(String key, ApiRole role) {
        this(key, role, KeyScope.UNSCOPED, null);
    }

    /** What a form's CSRF token is bound to: the session when there is one, else the key. */
    public String csrfSubject() {
        return sessionId != null ? "session:" + sessionId : "key:" + key;
    }
}
