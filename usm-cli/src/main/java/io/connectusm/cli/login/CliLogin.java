package io.connectusm.cli.login;

/**
 * One set of credentials of the login file (one context): endpoint URL, API key and secret, CA certificate and
 * default environment. The {@code toString()} hides the secret. Immutable.
 *
 * @param url         the endpoint's base URL
 * @param apiKey      the API key
 * @param apiSecret   the API secret
 * @param caCert      a PEM file with the CA to trust, or {@code null}
 * @param environment the default environment, or {@code null}
 */
public record CliLogin(String url, String apiKey, String apiSecret, String caCert, String environment) {

    @Override
    public String toString() {
        return "CliLogin[url=" + url + ", apiKey=" + apiKey + ", apiSecret=[hidden], caCert=" + caCert
                + ", environment=" + environment + "]";
    }
}
