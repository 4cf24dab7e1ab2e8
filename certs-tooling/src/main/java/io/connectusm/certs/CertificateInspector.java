package io.connectusm.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate file of any kind this project deals with (PEM chain, DER certificate, PKCS12 key or trust
 * store) and describes its certificates, for {@code usm certs inspect}.
 *
 * <p>A PKCS12 store is opened with the password given, or else with the {@code jksPassword.txt} next to it.
 * Private keys are noted, never shown. Stateless and thread-safe.
 */
public final class CertificateInspector {
    // Certificate files are a few kilobytes; refusing anything huge avoids reading a wrong path (a disk image,
    // a log) into memory.
    private static final long MAX_FILE_SIZE = 1024 * 1024;
    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private CertificateInspector() {
    }

    /**
     * Describes the certificates in {@code file}; a PKCS12 store is opened with the {@code jksPassword.txt} in the
     * same directory.
     *
     * @throws CertificateFileException naming the file when it is missing, holds no certificate, is of an unknown
     *                                  format, or is a PKCS12 store without a usable password
     */
    public static FileInspection describe(Path file) {
        return describe(file, null);
    }

    /**
     * Describes the certificates in {@code file}, opening a PKCS12 store with {@code password} (or, when it is
     * null, with the {@code jksPassword.txt} in the same directory).
     */
    public static FileInspection describe(Path file, char[] password) {
        byte[] content = readBounded(file);
        if (looksLikePem(content)) {
            return describePem(file);
        }
        X509Certificate der = parseDer(content);
        if (der != null) {
            return new FileInspection(file, FileInspection.Format.DER, List.of(inspect(der, "certificate")), List.of());
        }
        if (!Pkcs12Stores.looksLikePkcs12(content)) {
            throw new CertificateFileException(file, file + " is not a certificate file: neither PEM, a DER"
                    + " certificate nor a PKCS12 store");
        }
        return describePkcs12(file, password);
    }

    private static FileInspection describePem(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Object object : PemFiles.readObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(PemFiles.toCertificate(holder, file));
            } else if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
                notes.add("holds a private key (not shown)");
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                notes.add("holds an encrypted private key (not shown)");
            }
        }
        if (certificates.isEmpty()) {
            String hint = notes.isEmpty() ? "" : "; it " + String.join(", ", notes).replace(" (not shown)", "")
                    + ": inspect the certificate file next to it (cert.pem or ca.pem) instead";
            throw new CertificateFileException(file, file + " holds no certificate" + hint);
        }
        List<InspectedCertificate> inspected = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            inspected.add(inspect(certificates.get(i), "certificate " + (i + 1) + " of " + certificates.size()));
        }
        return new FileInspection(file, FileInspection.Format.PEM, inspected, notes);
    }

    private static FileInspection describePkcs12(Path file, char[] password) {
        char[] storePassword = password != null ? password.clone() : siblingPassword(file);
        try {
            return describeStore(file, Pkcs12Stores.load(file, storePassword));
        } finally {
            Arrays.fill(storePassword, '\0');
        }
    }

    private static FileInspection describeStore(Path file, KeyStore store) {
        List<InspectedCertificate> inspected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (store.isKeyEntry(alias)) {
                    notes.add("entry '" + alias + "' holds a private key (not shown)");
                    Certificate[] chain = store.getCertificateChain(alias);
                    for (int i = 0; chain != null && i < chain.length; i++) {
                        inspected.add(inspect((X509Certificate) chain[i], "entry '" + alias + "', certificate "
                                + (i + 1) + " of " + chain.length));
                    }
                } else if (store.getCertificate(alias) instanceof X509Certificate trusted) {
                    inspected.add(inspect(trusted, "trusted entry '" + alias + "'"));
                }
            }
        } catch (KeyStoreException e) {
            throw new CertificateFileException(file, "cannot list the entries of " + file, e);
        }
        if (inspected.isEmpty()) {
            throw new CertificateFileException(file, file + " is a PKCS12 store without certificates");
        }
        return new FileInspection(file, FileInspection.Format.PKCS12, inspected, notes);
    }

    private static char[] siblingPassword(Path file) {
        Path sibling = file.toAbsolutePath().resolveSibling(StorePasswordFile.FILE_NAME);
        if (!Files.exists(sibling)) {
            throw new CertificateFileException(file, file + " looks like a PKCS12 store, which needs its password,"
                    + " and there is no " + StorePasswordFile.FILE_NAME + " next to it (pass the password file,"
                    + " --password-file)");
        }
        return StorePasswordFile.read(sibling);
    }

    /** Describes one certificate already in memory, such as one just issued. */
    public static InspectedCertificate describe(X509Certificate certificate) {
        return inspect(certificate, "certificate");
    }

    static InspectedCertificate inspect(X509Certificate certificate, String location) {
        int pathLength = certificate.getBasicConstraints();
        return new InspectedCertificate(location,
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                certificate.getSerialNumber().toString(16),
                subjectAlternativeNames(certificate),
                keyUsages(certificate),
                extendedKeyUsages(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                sha256Fingerprint(certificate),
                describeKey(certificate.getPublicKey()),
                certificate.getSigAlgName(),
                pathLength < 0 ? OptionalInt.empty() : OptionalInt.of(pathLength));
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
        if (names == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String label = switch (type) {
                case 1 -> "email";
                case 2 -> SubjectAlternativeName.Kind.DNS.label();
                case 4 -> "DirName";
                case 6 -> SubjectAlternativeName.Kind.URI.label();
                case 7 -> SubjectAlternativeName.Kind.IP.label();
                default -> "type" + type;
            };
            Object value = name.get(1);
            result.add(label + ":" + (value instanceof String text ? text : "(binary)"));
        }
        return result;
    }

    private static List<String> keyUsages(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> names = new ArrayList<>();
        for (int i = 0; bits != null && i < bits.length && i < KEY_USAGE_NAMES.length; i++) {
            if (bits[i]) {
                names.add(KEY_USAGE_NAMES[i]);
            }
        }
        return names;
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate) {
        List<String> oids;
        try {
            oids = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
        if (oids == null) {
            return List.of();
        }
        return oids.stream()
                .map(oid -> Arrays.stream(KeyPurpose.values())
                        .filter(purpose -> purpose.oid().equals(oid))
                        .map(KeyPurpose::displayName)
                        .findFirst()
                        .orElse(oid))
                .toList();
    }

    private static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String describeKey(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm();
    }

    private static byte[] readBounded(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new CertificateFileException(file, file + " is " + size + " bytes, too large to be a"
                        + " certificate file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file, file + " does not exist", e);
        } catch (IOException e) {
            throw new CertificateFileException(file, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean looksLikePem(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    private static X509Certificate parseDer(byte[] content) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(content));
        } catch (CertificateException | RuntimeException e) {
            return null; // not a DER certificate: the caller tries PKCS12 next
        }
    }
}
