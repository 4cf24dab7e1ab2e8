package io.connectusm.agent;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds TLS contexts from PKCS12 stores: the data plane's server context (mTLS, TLS 1.2+ with AEAD ciphers
 * only, TLS 1.3 preferred) and the forwarder's client context (verifying the endpoint). Stateless;
 * thread-safe. Passwords are revealed only for the duration of a store load and then wiped.
 */
final class TlsContextFactory {

    /** TLS 1.3 first: the handshake picks the highest version both sides enable. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** AEAD suites only (GCM, ChaCha20-Poly1305), forward secret (ECDHE) for TLS 1.2. */
    static final List<String> AEAD_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsContextFactory() {
    }

    /** The data plane's server context, from the stores as they are on disk now. */
    static SslContext serverContext(TlsSettings settings) throws GeneralSecurityException, IOException {
        KeyStore keystore = load(settings.keystore(), settings.keystorePassword());
        PrivateKey key = null;
        X509Certificate[] chain = null;
        char[] keyPassword = settings.keyPassword().reveal();
        try {
            for (String alias : Collections.list(keystore.aliases())) {
                if (keystore.isKeyEntry(alias)) {
                    key = (PrivateKey) keystore.getKey(alias, keyPassword);
                    Certificate[] certificates = keystore.getCertificateChain(alias);
                    chain = Arrays.copyOf(certificates, certificates.length, X509Certificate[].class);
                    break;
                }
            }
        } finally {
            Arrays.fill(keyPassword, '\0');
        }
        if (key == null) {
            throw new GeneralSecurityException("the keystore " + settings.keystore() + " holds no private key");
        }
        X509Certificate[] trusted = trustedCertificates(load(settings.truststore(), settings.truststorePassword()));
        if (trusted.length == 0) {
            throw new GeneralSecurityException("the truststore " + settings.truststore() + " holds no certificate");
        }
        return SslContextBuilder.forServer(key, chain)
                .trustManager(trusted)
                .clientAuth(settings.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                .sslProvider(provider(settings.provider()))
                .protocols(PROTOCOLS)
                .ciphers(AEAD_CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .build();
    }

    /** A client context trusting the given PKCS12 truststore, or the JDK's default CAs when it is {@code null}. */
    static SSLContext clientContext(Path truststore, Secret password) throws GeneralSecurityException, IOException {
        if (truststore == null) {
            return SSLContext.getDefault();
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(load(truststore, password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** BoringSSL when asked for or, for {@code AUTO}, when it loads; the JDK otherwise. */
    static SslProvider provider(TlsSettings.Provider choice) {
        return switch (choice) {
            case OPENSSL -> SslProvider.OPENSSL;
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    private static KeyStore load(Path file, Secret password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] secret = password == null ? null : password.reveal();
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        return store;
    }

    private static X509Certificate[] trustedCertificates(KeyStore truststore) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(truststore.aliases())) {
            if (truststore.getCertificate(alias) instanceof X509Certificate certificate) {
                certificates.add(certificate);
            }
        }
        return certificates.toArray(X509Certificate[]::new);
    }
}
