package io.connectusm.api;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.connectusm.support.KeyStores;

/**
 * Which server certificates a {@link UsmApiClient} trusts: the JDK's default CAs, the CA certificates of a PEM
 * file (the {@code ca.pem} of {@code usm certs}), a PKCS12 trust store with its password, or a ready
 * {@link SSLContext}; the stores are read by usm-support's {@code KeyStores}. Host names are always verified by
 * the JDK client. Immutable; the file is read by
 * {@link #sslContext()}, so a bad file fails when the client is built, naming the file.
 */
public final class TlsTrust {

    private final String description;
    private final ContextSource source;

    private interface ContextSource {
        SSLContext load() throws IOException, GeneralSecurityException;
    }

    private TlsTrust(String description, ContextSource source) {
        this.description = description;
        this.source = source;
    }

    /** The JDK's default trust (its {@code cacerts}). */
    public static TlsTrust systemDefault() {
        return new TlsTrust("the JDK's default CAs", SSLContext::getDefault);
    }

    /** Every certificate of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
    public static TlsTrust pemFile(Path pem) {
        Objects.requireNonNull(pem, "pem");
        return new TlsTrust("CA certificate " + pem, () -> context(KeyStores.fromPemCertificates(pem)));
    }

    /** A PKCS12 trust store; the password is copied, and cleared once the store is read. */
    public static TlsTrust trustStore(Path store, char[] password) {
        Objects.requireNonNull(store, "store");
        char[] copy = password == null ? null : password.clone();
        return new TlsTrust("trust store " + store, () -> {
            try {
                return context(KeyStores.load(store, KeyStores.PKCS12, copy));
            } finally {
                if (copy != null) {
                    Arrays.fill(copy, '\0');
                }
            }
        });
    }

    /** A context the caller built (e.g. with client certificates). */
    public static TlsTrust of(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return new TlsTrust("the given SSL context", () -> context);
    }

    /**
     * The context to hand the HTTP client.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    SSLContext sslContext() {
        try {
            return source.load();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + description + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        return KeyStores.clientContext(null, KeyStores.trustManagers(trusted));
    }

    @Override
    public String toString() {
        return "TlsTrust[" + description + "]";
    }
}
