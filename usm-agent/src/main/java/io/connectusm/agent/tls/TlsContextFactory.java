package io.connectusm.agent.tls;

import io.connectusm.netty.ServerTlsContexts;
import io.connectusm.support.KeyStores;
import io.connectusm.support.ServerTlsPolicy;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Builds the data plane's server TLS context from its PKCS12 stores: mTLS (client auth as configured), the
 * protocols and AEAD cipher suites of {@link ServerTlsPolicy}, BoringSSL or the JDK. Stateless; thread-safe.
 * Passwords are revealed only for the duration of a store load and then wiped.
 */
public final class TlsContextFactory {

    private TlsContextFactory() {
    }

    /** The data plane's server context, from the stores as they are on disk now. */
    public static SslContext serverContext(TlsSettings settings) throws GeneralSecurityException, IOException {
        KeyStore keystore = KeyStores.load(settings.keystore(), KeyStores.PKCS12, settings.keystorePassword());
        SslContextBuilder builder;
        char[] keyPassword = settings.keyPassword().reveal();
        try {
            builder = ServerTlsContexts.forServer(settings.keystore(), keystore, keyPassword);
        } finally {
            Arrays.fill(keyPassword, '\0');
        }
        X509Certificate[] trusted = KeyStores.certificates(KeyStores.load(settings.truststore(), KeyStores.PKCS12,
                settings.truststorePassword())).toArray(X509Certificate[]::new);
        if (trusted.length == 0) {
            throw new GeneralSecurityException("the truststore " + settings.truststore() + " holds no certificate");
        }
        return builder.trustManager(trusted)
                .clientAuth(settings.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                .sslProvider(provider(settings.provider()))
                .build();
    }

    /** BoringSSL when asked for or, for {@code AUTO}, when it loads; the JDK otherwise. */
    public static SslProvider provider(TlsSettings.Provider choice) {
        return switch (choice) {
            case OPENSSL -> SslProvider.OPENSSL;
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }
}
