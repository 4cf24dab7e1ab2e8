package io.connectusm.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * A private certificate authority that issues the server certificate of the usm-agent and the client certificates
 * of Connect workers, so the two can authenticate each other with mutual TLS.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
 * IssuedCertificate agent = ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build());
 * LeafFiles files = LeafFiles.write(dir, agent, ca, WriteMode.FAIL_IF_EXISTS);
 * }</pre>
 *
 * <p>Every issued certificate is verified against this CA before it is returned. Immutable and thread-safe:
 * {@link #issue(LeafSpec)} may be called from many threads. Lifecycle: {@link #create(CaSpec)} a new one or
 * {@link #load(Path)} one that {@link #writeTo(Path, WriteMode)} saved; nothing to close.
 */
public final class CertificateAuthority {
    // SecureRandom is thread-safe; one seeded instance serves every key, serial number and password.
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertificateSigner SIGNER = new CertificateSigner(RANDOM);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** Creates a new CA with a fresh key pair and a self-signed certificate, valid from (just before) now. */
    public static CertificateAuthority create(CaSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KeyPair keys = spec.keyType().generateKeyPair(RANDOM);
        Instant now = Instant.now();
        X509Certificate certificate = SIGNER.selfSignedCa(spec.commonName(), keys,
                now.minus(Validity.CLOCK_SKEW_ALLOWANCE), now.plus(spec.validity()));
        try {
            certificate.verify(keys.getPublic());
            certificate.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the new CA certificate '" + spec.commonName() + "' does not verify", e);
        }
        return new CertificateAuthority(certificate, keys.getPrivate());
    }

    /**
     * Loads a CA that {@link #writeTo(Path, WriteMode)} saved: {@code ca.pem} and {@code ca-key.pem}.
     *
     * @throws CertificateFileException naming the file that is missing, unreadable, not a CA certificate, or whose
     *                                  key does not match the certificate
     */
    public static CertificateAuthority load(Path caDirectory) {
        Path dir = caDirectory.toAbsolutePath().normalize();
        CaFiles files = CaFiles.in(dir);
        for (Path file : List.of(files.certificate(), files.privateKey())) {
            if (!Files.exists(file)) {
                throw new CertificateFileException(file, file + " does not exist: a CA directory holds "
                        + CaFiles.CERTIFICATE_PEM + " and " + CaFiles.PRIVATE_KEY_PEM
                        + (Files.isDirectory(dir) ? "" : " (and " + dir + " does not exist either)"));
            }
        }
        X509Certificate certificate = PemFiles.readCertificates(files.certificate()).get(0);
        if (certificate.getBasicConstraints() < 0) {
            throw new CertificateFileException(files.certificate(), files.certificate()
                    + " is not a CA certificate (its basic constraints do not allow it to issue certificates)");
        }
        PrivateKey key = PemFiles.readPrivateKey(files.privateKey());
        if (!keyMatches(key, certificate)) {
            throw new CertificateFileException(files.privateKey(), files.privateKey()
                    + " is not the private key of the certificate in " + files.certificate());
        }
        return new CertificateAuthority(certificate, key);
    }

    /**
     * Issues a leaf certificate with a fresh key pair, verified against this CA (signature, validity, extended key
     * usage) before it is returned.
     *
     * @throws IllegalStateException when this CA has expired or is not yet valid and the spec asks for a validity
     *                               counted from now
     */
    public IssuedCertificate issue(LeafSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Instant now = Instant.now();
        if (spec.validity() instanceof Validity.FromIssue) {
            requireValidAt(now);
        }
        KeyPair keys = spec.keyType().generateKeyPair(RANDOM);
        X509Certificate leaf = SIGNER.leaf(spec, keys.getPublic(), spec.validity().notBefore(now),
                spec.validity().notAfter(now), certificate, privateKey);
        IssuedCertificateVerifier.verify(leaf, keys.getPublic(), spec, certificate, spec.validity().verifiedAt(now));
        return new IssuedCertificate(keys.getPrivate(), leaf, List.of(leaf, certificate));
    }

    /**
     * Writes {@code ca.pem}, {@code ca-key.pem} (owner-only), {@code truststore.p12} and {@code jksPassword.txt}
     * (owner-only) into {@code directory}, creating it when missing.
     *
     * @throws OutputExistsException    when the directory is not empty and {@code mode} is
     *                                  {@link WriteMode#FAIL_IF_EXISTS}
     * @throws CertificateFileException when a file cannot be written
     */
    public CaFiles writeTo(Path directory, WriteMode mode) {
        OutputDirectory out = OutputDirectory.prepare(directory, mode);
        out.write(CaFiles.PRIVATE_KEY_PEM, PemFiles.encodePrivateKey(privateKey), FileSecrecy.SECRET);
        char[] password = StorePasswordFile.generate(RANDOM);
        try {
            TrustBundle.write(out, certificate, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        return CaFiles.in(out.path());
    }

    /** The CA certificate, which peers put in their trust stores. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The common name of the CA. */
    public String commonName() {
        return X500Names.commonName(certificate.getSubjectX500Principal());
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + ", notAfter="
                + certificate.getNotAfter().toInstant() + "]";
    }

    static SecureRandom random() {
        return RANDOM;
    }

    private void requireValidAt(Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new IllegalStateException("CA '" + commonName() + "' expired at "
                    + certificate.getNotAfter().toInstant() + "; create a new CA and re-issue its certificates", e);
        } catch (CertificateNotYetValidException e) {
            throw new IllegalStateException("CA '" + commonName() + "' is not valid before "
                    + certificate.getNotBefore().toInstant() + " (check this machine's clock)", e);
        }
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        // Sign a random challenge and check it with the certificate's public key: works for every key type.
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            String algorithm = CertificateSigner.signatureAlgorithm(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
