package io.connectusm.certs;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 v3 certificates with BouncyCastle's certificate builder and the JDK's own crypto providers.
 *
 * <p>BouncyCastle is used only to assemble and encode the certificate; keys, signatures and parsing stay with the
 * JDK providers, so nothing is registered in the JVM-wide {@link java.security.Security} provider list (this code
 * also runs inside other people's JVMs, such as test harnesses of Connect workers). Thread-safe:
 * {@link SecureRandom} is, and nothing else is shared.
 */
final class CertificateSigner {
    private static final int SERIAL_BITS = 127; // positive and at most 16 bytes once DER-encoded (RFC 5280 4.1.2.2)

    private final SecureRandom random;

    CertificateSigner(SecureRandom random) {
        this.random = random;
    }

    /** A self-signed CA certificate: may sign certificates and CRLs, but no intermediate CAs (path length 0). */
    X509Certificate selfSignedCa(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name subject = X500Names.ofCommonName(commonName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    KeyIdentifiers.subjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the extensions of CA certificate '" + commonName + "'", e);
        }
        return sign(builder, keys.getPrivate(), commonName);
    }

    /** A leaf certificate for {@code leafKey}, issued and signed by the CA. */
    X509Certificate leaf(LeafSpec spec, PublicKey leafKey, Instant notBefore, Instant notAfter,
                         X509Certificate caCertificate, PrivateKey caKey) {
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), X500Names.ofCommonName(spec.commonName()), leafKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, leafKeyUsage(spec.keyType()));
            builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(spec));
            builder.addExtension(Extension.subjectKeyIdentifier, false, KeyIdentifiers.subjectKeyIdentifier(leafKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    KeyIdentifiers.authorityKeyIdentifier(caCertificate));
            if (!spec.subjectAlternativeNames().isEmpty()) {
                GeneralName[] names = spec.subjectAlternativeNames().stream()
                        .map(SubjectAlternativeName::toGeneralName)
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode the extensions of certificate '" + spec.commonName()
                    + "'", e);
        }
        return sign(builder, caKey, spec.commonName());
    }

    /** The signature algorithm for a signing key: SHA-256 with the key's own scheme. */
    static String signatureAlgorithm(PrivateKey signingKey) {
        return switch (signingKey.getAlgorithm()) {
            case "EC" -> KeyType.EC_P256.signatureAlgorithm();
            case "RSA" -> KeyType.RSA_3072.signatureAlgorithm();
            default -> throw new IllegalArgumentException("cannot sign with a " + signingKey.getAlgorithm()
                    + " key: only EC and RSA CA keys are supported");
        };
    }

    private static KeyUsage leafKeyUsage(KeyType keyType) {
        // TLS 1.3 only ever signs with the leaf key; RSA keys also get keyEncipherment for TLS 1.2 RSA key exchange.
        int usage = KeyUsage.digitalSignature | (keyType.encryptsKeys() ? KeyUsage.keyEncipherment : 0);
        return new KeyUsage(usage);
    }

    private static ExtendedKeyUsage extendedKeyUsage(LeafSpec spec) {
        // Iterate the enum, not the set, so the encoding order is stable whatever set the spec holds.
        return new ExtendedKeyUsage(Arrays.stream(KeyPurpose.values())
                .filter(spec.purposes()::contains)
                .map(KeyPurpose::id)
                .toArray(KeyPurposeId[]::new));
    }

    private BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey, String commonName) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(signingKey))
                    .setSecureRandom(random)
                    .build(signingKey);
            X509CertificateHolder holder = builder.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign certificate '" + commonName + "'", e);
        }
    }
}
