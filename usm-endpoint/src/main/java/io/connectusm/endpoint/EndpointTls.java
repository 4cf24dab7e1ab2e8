package io.connectusm.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The listener's TLS context from the configured PKCS12 keystore: TLS 1.3 and 1.2, the JDK provider. Errors name
 * the file and the setting, never the password. Stateless.
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
        try (InputStream in = Files.newInputStream(config.keystoreLocation())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
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
