package io.connectusm.certs;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK TLS key and trust managers from the PKCS12 files this module writes, for servers and clients that use the
 * JDK's TLS (or Netty's {@code SslContextBuilder}, which accepts the same managers).
 *
 * <p>Errors name the file at fault (missing, damaged, wrong password) and never contain the password. Stateless
 * and thread-safe; the returned managers are the JDK's own, which are thread-safe too.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * Key managers presenting the private key and chain in a PKCS12 key store whose key is protected by the store's
     * password (as {@link LeafFiles} writes it).
     *
     * @throws CertificateFileException naming {@code keystore} when it is missing, damaged, has no key, or the
     *                                  password does not open it
     */
    public static KeyManager[] keyManagers(Path keystore, char[] password) {
        KeyStore store = Pkcs12Stores.load(keystore, password);
        requireEntries(store, keystore, KeyEntryKind.PRIVATE_KEY);
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw Pkcs12Stores.wrongPassword(keystore, e);
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(keystore, "cannot use the key in " + keystore + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Trust managers that accept peers whose chain leads to a certificate in the PKCS12 trust store.
     *
     * @throws CertificateFileException naming {@code truststore} when it is missing, damaged, trusts nothing, or the
     *                                  password does not open it
     */
    public static TrustManager[] trustManagers(Path truststore, char[] password) {
        KeyStore store = Pkcs12Stores.load(truststore, password);
        requireEntries(store, truststore, KeyEntryKind.TRUSTED_CERTIFICATE);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(truststore, "cannot use the certificates in " + truststore + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A TLS context that presents the key store's certificate and trusts the trust store's CA, reading the password
     * from a {@code jksPassword.txt}.
     */
    public static SSLContext sslContext(Path keystore, Path truststore, Path passwordFile) {
        char[] password = StorePasswordFile.read(passwordFile);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(keystore, password), trustManagers(truststore, password),
                    CertificateAuthority.random());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot create a TLS context", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** {@link #sslContext(Path, Path, Path)} for a directory written by {@link LeafFiles#write}. */
    public static SSLContext sslContext(Path leafDirectory) {
        return sslContext(leafDirectory.resolve(LeafFiles.KEYSTORE), leafDirectory.resolve(LeafFiles.TRUSTSTORE),
                leafDirectory.resolve(StorePasswordFile.FILE_NAME));
    }

    private enum KeyEntryKind {
        PRIVATE_KEY("private key entry"),
        TRUSTED_CERTIFICATE("trusted certificate entry");

        private final String description;

        KeyEntryKind(String description) {
            this.description = description;
        }
    }

    private static void requireEntries(KeyStore store, Path file, KeyEntryKind kind) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                boolean matches = kind == KeyEntryKind.PRIVATE_KEY ? store.isKeyEntry(alias)
                        : store.isCertificateEntry(alias);
                if (matches) {
                    return;
                }
            }
        } catch (KeyStoreException e) {
            throw new CertificateFileException(file, "cannot list the entries of " + file, e);
        }
        // A store without the entry would only fail later, in the middle of a handshake, with a vaguer message.
        throw new CertificateFileException(file, file + " has no " + kind.description + " (is it the right file?)");
    }
}
