package io.connectusm.agent.api;

import io.connectusm.agent.http.BasicCredentials;
import io.connectusm.support.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the USM endpoint's {@code usm/v1} API. Immutable.
 *
 * @param baseUrl            {@code https://host:port}, no trailing slash
 * @param environment        the environment whose registrations are pulled
 * @param credentials        cloud API key and secret
 * @param truststore         PKCS12 truststore verifying the endpoint, or {@code null} for the JDK's CAs
 * @param truststorePassword its password, or {@code null}
 * @param requestTimeout     timeout of one request (and of connecting)
 */
public record ApiSettings(
        URI baseUrl,
        String environment,
        BasicCredentials credentials,
        Path truststore,
        Secret truststorePassword,
        Duration requestTimeout) {
}
