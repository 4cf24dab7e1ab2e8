package io.connectusm.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A leaf certificate together with its private key and its chain, as returned by
 * {@link CertificateAuthority#issue(LeafSpec)} after it was verified against its issuer.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the subject and never prints the key.
 *
 * @param privateKey  the leaf's private key
 * @param certificate the leaf certificate
 * @param chain       the leaf first, then the issuing CA
 */
public record IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    /** Validates the parts and copies the chain. */
    public IssuedCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the leaf certificate");
        }
    }

    /** The common name of the leaf, which is also its alias in the key store. */
    public String commonName() {
        return X500Names.commonName(certificate.getSubjectX500Principal());
    }

    @Override
    public String toString() {
        // Records print every component by default; a private key must never reach a log line.
        return "IssuedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                + ", issuer=" + certificate.getIssuerX500Principal().getName()
                + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }
}
