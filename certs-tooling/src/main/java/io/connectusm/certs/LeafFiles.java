package io.connectusm.certs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The files of one issued certificate, laid out as Connect workers, the usm-agent and OpenSSL expect them:
 *
 * <pre>
 * keystore.p12     the private key and its chain (leaf, CA), alias = the certificate's CN      owner-only
 * truststore.p12   the CA certificate, alias "ca"
 * jksPassword.txt  jksPassword=&lt;password of both stores and of the key&gt;                      owner-only
 * cert.pem         the chain as PEM (leaf, then CA)
 * key.pem          the private key as unencrypted PKCS#8 PEM                                  owner-only
 * ca.pem           the CA certificate as PEM
 * </pre>
 *
 * <p>A worker uses them as {@code ssl.keystore.location=<dir>/keystore.p12} and
 * {@code ssl.keystore.password=${file:<dir>/jksPassword.txt:jksPassword}}.
 *
 * <p>Immutable and thread-safe; {@link #password()} returns a fresh copy each time, which the caller may wipe.
 */
public final class LeafFiles {
    /** File name of the PKCS12 key store. */
    public static final String KEYSTORE = "keystore.p12";
    /** File name of the PKCS12 trust store. */
    public static final String TRUSTSTORE = TrustBundle.TRUSTSTORE;
    /** File name of the PEM certificate chain. */
    public static final String CERTIFICATE_PEM = "cert.pem";
    /** File name of the PEM private key. */
    public static final String PRIVATE_KEY_PEM = "key.pem";
    /** File name of the PEM CA certificate. */
    public static final String CA_PEM = TrustBundle.CA_PEM;

    private final Path directory;
    private final char[] password;

    private LeafFiles(Path directory, char[] password) {
        this.directory = directory;
        this.password = password.clone();
    }

    /**
     * Writes the files of {@code issued} into {@code directory} (created when missing), with a new random password.
     *
     * @param directory where to write
     * @param issued    the certificate, its key and chain, from {@code ca.issue(...)}
     * @param ca        the CA that issued it; its certificate goes into the trust store
     * @param mode      whether a non-empty directory may be overwritten
     * @throws OutputExistsException    when the directory is not empty and {@code mode} is
     *                                  {@link WriteMode#FAIL_IF_EXISTS}
     * @throws CertificateFileException when a file cannot be written
     */
    public static LeafFiles write(Path directory, IssuedCertificate issued, CertificateAuthority ca, WriteMode mode) {
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(ca, "ca");
        if (!issued.chain().get(issued.chain().size() - 1).equals(ca.certificate())) {
            throw new IllegalArgumentException("certificate '" + issued.commonName() + "' was not issued by CA '"
                    + ca.commonName() + "'");
        }
        OutputDirectory out = OutputDirectory.prepare(directory, mode);
        char[] password = StorePasswordFile.generate(CertificateAuthority.random());
        try {
            out.write(KEYSTORE, Pkcs12Stores.keyStore(issued.commonName(), issued.privateKey(), issued.chain(),
                    password), FileSecrecy.SECRET);
            out.write(CERTIFICATE_PEM, PemFiles.encodeCertificates(issued.chain()), FileSecrecy.PUBLIC);
            out.write(PRIVATE_KEY_PEM, PemFiles.encodePrivateKey(issued.privateKey()), FileSecrecy.SECRET);
            TrustBundle.write(out, ca.certificate(), password);
            return new LeafFiles(out.path(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The (absolute) directory holding the files. */
    public Path directory() {
        return directory;
    }

    /** {@code keystore.p12}: the private key and its chain. */
    public Path keystore() {
        return directory.resolve(KEYSTORE);
    }

    /** {@code truststore.p12}: the CA certificate. */
    public Path truststore() {
        return TrustBundle.truststore(directory);
    }

    /** {@code jksPassword.txt}: the password of both stores and of the key. */
    public Path passwordFile() {
        return TrustBundle.passwordFile(directory);
    }

    /** {@code cert.pem}: the chain, leaf first. */
    public Path certificatePem() {
        return directory.resolve(CERTIFICATE_PEM);
    }

    /** {@code key.pem}: the private key, unencrypted PKCS#8. */
    public Path privateKeyPem() {
        return directory.resolve(PRIVATE_KEY_PEM);
    }

    /** {@code ca.pem}: the CA certificate. */
    public Path caPem() {
        return TrustBundle.caPem(directory);
    }

    /** Every file, in the order they are best listed to a user. */
    public List<Path> files() {
        return List.of(keystore(), truststore(), passwordFile(), certificatePem(), privateKeyPem(), caPem());
    }

    /** The password of both stores and of the key: a copy, which the caller should wipe after use. */
    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "LeafFiles[" + directory + "]";
    }
}
