package io.connectusm.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the USM endpoint and how to forward to it. Immutable.
 *
 * @param baseUrl            {@code https://host:port}, no trailing slash
 * @param environment        the environment whose registrations are pulled
 * @param credentials        cloud API key and secret
 * @param truststore         PKCS12 truststore verifying the endpoint, or {@code null} for the JDK's CAs
 * @param truststorePassword its password, or {@code null}
 * @param batchMaxEvents     most events per forwarded POST
 * @param backoffInitial     first retry delay
 * @param backoffMax         longest retry delay
 * @param requestTimeout     timeout of one request
 */
record EndpointSettings(
        URI baseUrl,
        String environment,
        BasicCredentials credentials,
        Path truststore,
        Secret truststorePassword,
        int batchMaxEvents,
        Duration backoffInitial,
        Duration backoffMax,
        Duration requestTimeout) {
}
