package io.connectusm.netty;

import io.connectusm.support.KeyStores;
import io.connectusm.support.ServerTlsPolicy;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The start of every server TLS context: the key and chain of a key store, with the protocols and cipher suites of
 * {@link ServerTlsPolicy} applied, so that the agent and the endpoint cannot drift apart. Each server adds what is
 * its own (trust and client auth, the provider) and builds. Messages name the file, never a password. Stateless;
 * thread-safe.
 */
public final class ServerTlsContexts {

    private ServerTlsContexts() {
    }

    /**
     * A server context builder for the first private key of {@code keystore} (read from {@code file}), with the
     * one TLS policy.
     *
     * @param keyPassword unlocks the key; used for this call only, the caller wipes it
     * @throws GeneralSecurityException naming the file when it holds no private key or the password does not
     *                                  unlock it
     */
    public static SslContextBuilder forServer(Path file, KeyStore keystore, char[] keyPassword)
            throws GeneralSecurityException {
        KeyStore.PrivateKeyEntry entry = KeyStores.firstPrivateKey(keystore, keyPassword).orElseThrow(
                () -> new GeneralSecurityException("the keystore " + file + " holds no private key"));
        X509Certificate[] chain = Arrays.copyOf(entry.getCertificateChain(), entry.getCertificateChain().length,
                X509Certificate[].class);
        return withPolicy(SslContextBuilder.forServer(entry.getPrivateKey(), chain));
    }

    /** {@code builder} with the protocols and cipher suites of {@link ServerTlsPolicy}. */
    public static SslContextBuilder withPolicy(SslContextBuilder builder) {
        return builder.protocols(ServerTlsPolicy.PROTOCOLS)
                .ciphers(ServerTlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE);
    }
}
