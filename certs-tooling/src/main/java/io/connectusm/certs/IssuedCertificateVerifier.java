package io.connectusm.certs;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a freshly issued leaf against its issuer before anyone gets to use it: the JDK's PKIX validator (signature,
 * name chaining, validity at the requested instant, the CA's constraints) plus what PKIX leaves to the application
 * (extended key usage, that the certificate carries the key we generated, that it is not a CA).
 *
 * <p>A failure here is a bug in this module, never a user error, so it is reported as {@link IllegalStateException}.
 * Stateless and thread-safe.
 */
final class IssuedCertificateVerifier {
    private IssuedCertificateVerifier() {
    }

    static void verify(X509Certificate leaf, PublicKey expectedKey, LeafSpec spec, X509Certificate issuer,
                       Instant at) {
        String subject = "certificate '" + spec.commonName() + "'";
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath path = factory.generateCertPath(List.of(leaf));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(issuer, null)));
            parameters.setRevocationEnabled(false); // a private CA without CRLs or OCSP
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(subject + " does not verify against its issuer "
                    + issuer.getSubjectX500Principal().getName() + " at " + at + ": " + e.getMessage(), e);
        }
        if (!leaf.getPublicKey().equals(expectedKey)) {
            throw new IllegalStateException(subject + " does not carry the key generated for it");
        }
        if (leaf.getBasicConstraints() != -1) {
            throw new IllegalStateException(subject + " is marked as a CA");
        }
        Set<String> expectedUsages = spec.purposes().stream().map(KeyPurpose::oid).collect(Collectors.toSet());
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(subject + " has an unreadable extended key usage", e);
        }
        if (usages == null || !Set.copyOf(usages).equals(expectedUsages)) {
            throw new IllegalStateException(subject + " has extended key usages " + usages + ", expected "
                    + expectedUsages);
        }
    }
}
