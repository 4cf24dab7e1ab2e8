package io.connectusm.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files OpenSSL, Netty and most non-Java tools use: certificates, and private keys as
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). Error messages name the file and never quote its content.
 * Stateless and thread-safe.
 */
final class PemFiles {
    private PemFiles() {
    }

    /** PEM text of the certificates, in order (for a chain: the leaf first). */
    static byte[] encodeCertificates(List<X509Certificate> certificates) {
        return encode(writer -> {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        });
    }

    /** PEM text of the key as unencrypted PKCS#8, which OpenSSL 1.0+, Netty and the JDK all read. */
    static byte[] encodePrivateKey(PrivateKey key) {
        return encode(writer -> writer.writeObject(new JcaPKCS8Generator(key, null)));
    }

    /** Every PEM object of the file, as BouncyCastle parses it (certificate holders, key infos, …). */
    static List<Object> readObjects(Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file, file + " does not exist", e);
        } catch (IOException e) {
            throw new CertificateFileException(file, "cannot read " + file + " as PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    /** The certificates of a PEM file, in file order; fails naming the file when it holds none. */
    static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(holder, file));
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateFileException(file, file + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        return certificates;
    }

    /** The (single) private key of a PEM file, PKCS#8 or traditional OpenSSL format; encrypted keys are refused. */
    static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readObjects(file)) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            } catch (PEMException e) {
                throw new CertificateFileException(file, "cannot read the private key in " + file + ": "
                        + e.getMessage(), e);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new CertificateFileException(file, file + " holds an encrypted private key; this tool reads"
                        + " unencrypted PKCS#8 keys (protect them with file permissions instead)");
            }
        }
        throw new CertificateFileException(file, file + " holds no PEM private key (BEGIN PRIVATE KEY)");
    }

    static X509Certificate toCertificate(X509CertificateHolder holder, Path file) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CertificateFileException(file, "cannot decode a certificate in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private interface PemBody {
        void writeTo(JcaPEMWriter writer) throws IOException;
    }

    private static byte[] encode(PemBody body) {
        // Straight to bytes, so key material does not linger in an interned or long-lived String.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.US_ASCII);
             JcaPEMWriter writer = new JcaPEMWriter(out)) {
            body.writeTo(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PEM in memory", e);
        }
        return bytes.toByteArray();
    }
}
