package io.connectusm.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Builds and opens PKCS12 key and trust stores with the JDK's own PKCS12 implementation, which is what Kafka,
 * Connect and Netty read them with.
 *
 * <p>Private keys are encrypted with PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC), asked for explicitly so a
 * {@code keystore.pkcs12.legacy} system property cannot downgrade it; the certificate bag and the integrity MAC use
 * the Java 17 defaults, which are the same AES-256 and HMAC-SHA-256. Stateless and thread-safe.
 */
final class Pkcs12Stores {
    /** The alias of the CA certificate in every trust store this tool writes. */
    static final String CA_ALIAS = "ca";

    private static final String TYPE = "PKCS12";
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";

    private Pkcs12Stores() {
    }

    /** A key store with one entry, the key and its chain under {@code alias}, protected by {@code password}. */
    static byte[] keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = empty();
            store.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(X509Certificate[]::new)),
                    new KeyStore.PasswordProtection(password, KEY_PROTECTION, null));
            return toBytes(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the PKCS12 key store for '" + alias + "'", e);
        }
    }

    /** A trust store with one trusted certificate, the CA, under the alias {@value #CA_ALIAS}. */
    static byte[] trustStore(X509Certificate ca, char[] password) {
        try {
            KeyStore store = empty();
            store.setCertificateEntry(CA_ALIAS, ca);
            return toBytes(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the PKCS12 trust store", e);
        }
    }

    /** Opens a PKCS12 file; errors name the file and never the password. */
    static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file, file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(e)) {
                throw wrongPassword(file, e);
            }
            throw new CertificateFileException(file, "cannot read " + file + " as a PKCS12 store: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(file, "cannot read " + file + " as a PKCS12 store: "
                    + e.getMessage(), e);
        }
    }

    /** The error for a store or key that the given password does not open. */
    static CertificateFileException wrongPassword(Path file, Exception cause) {
        return new StorePasswordException(file, cause);
    }

    /**
     * Whether {@code content} starts like a PKCS12 file (PFX): a DER or BER SEQUENCE whose first element is the
     * INTEGER 3. Cheap, and enough to tell a store from a text file or a random binary before asking for a password.
     */
    static boolean looksLikePkcs12(byte[] content) {
        if (content.length < 5 || content[0] != 0x30) {
            return false;
        }
        int lengthByte = content[1] & 0xff;
        // Short form (< 0x80) and indefinite form (0x80) take one byte; long form 0x8N takes N more.
        int versionAt = lengthByte <= 0x80 ? 2 : 2 + (lengthByte & 0x7f);
        return content.length >= versionAt + 3 && content[versionAt] == 0x02 && content[versionAt + 1] == 0x01
                && content[versionAt + 2] == 0x03;
    }

    private static boolean isPasswordFailure(IOException e) {
        // The JDK reports a failed MAC check as an IOException whose message mentions the password.
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("password");
    }

    private static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        return store;
    }

    private static byte[] toBytes(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
