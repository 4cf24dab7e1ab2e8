package io.connectusm.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

import io.connectusm.netty.ServerTlsContexts;
import io.connectusm.support.KeyStores;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/**
 * The listener's TLS context from the configured PKCS12 keystore: the one server TLS policy (usm-support's
 * {@code ServerTlsPolicy}, the agent's too), the JDK provider. Errors name the file and the setting, never the
 * password. Stateless.
 */
final class EndpointTls {

    private EndpointTls() {
    }

    /** The server context, or {@code null} when the configuration asks for plain HTTP. */
    static SslContext serverContext(EndpointConfig config) {
        if (!config.tlsEnabled()) {
            return null;
        }
        char[] password = config.keystorePassword().value().toCharArray();
        try {
            KeyStore keyStore = KeyStores.load(config.keystoreLocation(), KeyStores.PKCS12, password);
            return ServerTlsContexts.forServer(config.keystoreLocation(), keyStore, password)
                    .sslProvider(SslProvider.JDK).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keystore " + config.keystoreLocation()
                    + " (" + EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use keystore " + config.keystoreLocation() + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
