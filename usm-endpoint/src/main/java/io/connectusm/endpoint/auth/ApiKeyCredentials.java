package io.connectusm.endpoint.auth;

/**
 * A freshly created API key and its secret: the only moment the secret exists outside its owner. The
 * {@code toString()} hides the secret. Immutable.
 *
 * @param key    the key ID (not secret)
 * @param secret the secret, shown once
 * @param role   what the key may do
 */
public record ApiKeyCredentials(String key, String secret, ApiRole role) {

    @Override
    public String toString() {
        return "ApiKeyCredentials[key=" + key + ", secret=[hidden], role=" + role.label() + "]";
    }
}
