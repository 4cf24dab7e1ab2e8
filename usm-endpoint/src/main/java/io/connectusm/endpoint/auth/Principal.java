package io.connectusm.endpoint.auth;

/**
 * Who is calling: the API key and its role, once {@link Authenticator} checked the secret. Never holds the
 * secret. Immutable.
 *
 * @param key  the API key ID
 * @param role what the key may do
 */
public record Principal(String key, ApiRole role) {
}
