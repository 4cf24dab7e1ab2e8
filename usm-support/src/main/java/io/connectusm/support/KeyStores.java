package io.connectusm.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads key and trust stores the way every component needs them: a PKCS12 or JKS file opened with its password,
 * a trust store made of the certificates of a PEM file (as {@code curl --cacert} reads one), the first private
 * key entry of a key store with its chain, the certificates a trust store holds, and the JSSE managers and client
 * context built from them.
 *
 * <p>Passwords are {@code char[]} owned by the caller: they are used for the call and never kept, so the caller
 * wipes them after. Messages name files and store types, never a password. Stateless; thread-safe.
 */
public final class KeyStores {

    /** The store type certs-tooling writes, and the default of every component. */
    public static final String PKCS12 = "PKCS12";

    private KeyStores() {
    }

    /**
     * Opens a store file.
     *
     * @param type     {@code PKCS12} or {@code JKS} (any case)
     * @param password the store password, or {@code null} for a store without integrity check
     * @throws IOException              when the file cannot be read, or the password does not open it
     *                                  ({@link #isWrongPassword(IOException)} tells)
     * @throws GeneralSecurityException when the type is unknown or the store's content cannot be used
     */
    public static KeyStore load(Path file, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /**
     * {@link #load(Path, String, char[])} with a {@link Secret} password, revealed for this call only and wiped
     * after; a {@code null} secret opens a store without integrity check.
     *
     * @throws ConfigReferenceException when the secret's reference cannot be resolved now
     */
    public static KeyStore load(Path file, String type, Secret password) throws IOException, GeneralSecurityException {
        char[] value = password == null ? null : password.reveal();
        try {
            return load(file, type, value);
        } finally {
            if (value != null) {
                Arrays.fill(value, '\0');
            }
        }
    }

    /**
     * A trust store holding every X.509 certificate of a PEM file.
     *
     * @throws GeneralSecurityException when the file holds no certificate, or a malformed one
     */
    public static KeyStore fromPemCertificates(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(PKCS12);
        store.load(null, null);
        int count = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + count++, certificate);
            }
        }
        if (count == 0) {
            throw new GeneralSecurityException("no certificate in " + pemFile);
        }
        return store;
    }

    /**
     * The first private key entry of a key store (in alias order) with its certificate chain, or empty when the
     * store holds none.
     *
     * @throws UnrecoverableKeyException when {@code keyPassword} does not unlock the key
     */
    public static Optional<KeyStore.PrivateKeyEntry> firstPrivateKey(KeyStore store, char[] keyPassword)
            throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Key key = store.getKey(alias, keyPassword);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey && chain != null && chain.length > 0) {
                    return Optional.of(new KeyStore.PrivateKeyEntry((PrivateKey) key, chain));
                }
            }
        }
        return Optional.empty();
    }

    /** The X.509 certificates a trust store holds (certificate entries and the leaves of key entries). */
    public static List<X509Certificate> certificates(KeyStore store) throws KeyStoreException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate) {
                certificates.add((X509Certificate) certificate);
            }
        }
        return certificates;
    }

    /** Trust managers for {@code trustStore}, or for the JDK's default CAs when it is {@code null}. */
    public static TrustManager[] trustManagers(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        return factory.getTrustManagers();
    }

    /**
     * Key managers for {@code keyStore}.
     *
     * @throws UnrecoverableKeyException when {@code keyPassword} does not unlock its key
     */
    public static KeyManager[] keyManagers(KeyStore keyStore, char[] keyPassword) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, keyPassword);
        return factory.getKeyManagers();
    }

    /**
     * A client TLS context.
     *
     * @param keys  the client's key managers, or {@code null} for a client without certificate
     * @param trust the trust managers that verify the server
     */
    public static SSLContext clientContext(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    /**
     * Whether {@link #load} failed because the password does not open the store: PKCS12 and JKS report it as an
     * {@code IOException} caused by an {@link UnrecoverableKeyException}, or saying so in its message.
     */
    public static boolean isWrongPassword(IOException failure) {
        return failure.getCause() instanceof UnrecoverableKeyException
                || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("password");
    }
}
