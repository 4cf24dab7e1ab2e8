package io.connectusm.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Subject and authority key identifiers, which let verifiers pick the right issuer certificate (for example while a
 * CA is being rolled over and two CAs share a name). Stateless.
 */
final class KeyIdentifiers {
    // RFC 7093 method 1: the leftmost 160 bits of the SHA-256 of the subjectPublicKey. RFC 5280's classic method uses
    // SHA-1, which this project does not use anywhere, not even for identifiers.
    private static final int IDENTIFIER_LENGTH = 20;

    private KeyIdentifiers() {
    }

    static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey key) {
        byte[] keyBits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBits);
            return new SubjectKeyIdentifier(Arrays.copyOf(digest, IDENTIFIER_LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** Points at the issuer's own subject key identifier, so the two match byte for byte, whoever made the CA. */
    static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer) {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        SubjectKeyIdentifier issuerId = extension == null
                ? subjectKeyIdentifier(issuer.getPublicKey())
                : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        byte[] keyId = issuerId.getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }
}
