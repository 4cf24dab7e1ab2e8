package io.connectusm.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The kind of key pair a certificate is made for, and how a key of that kind signs certificates.
 *
 * <p>EC P-256 is the default everywhere: small, fast and accepted by every TLS 1.2/1.3 stack we talk to
 * (JDK, Netty/BoringSSL, OpenSSL). RSA 3072 exists for sites whose policy still demands RSA; 3072 bits is the
 * NIST equivalent of the 128-bit security of P-256. Both sign with SHA-256.
 *
 * <p>Thread-safe (an enum); {@link #generateKeyPair(SecureRandom)} creates a fresh generator per call.
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1), signing with SHA256withECDSA. */
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", "EC P-256"),
    /** RSA with a 3072-bit modulus, signing with SHA256withRSA (PKCS#1 v1.5, what TLS stacks expect). */
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA", "RSA 3072");

    private final String algorithm;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;
    private final String displayName;

    KeyType(String algorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm, String displayName) {
        this.algorithm = algorithm;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
        this.displayName = displayName;
    }

    /** The JCA signature algorithm a key of this type uses to sign certificates. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A short human name, such as {@code EC P-256}. */
    public String displayName() {
        return displayName;
    }

    /** Generates a fresh key pair of this type with the JDK's own providers. */
    KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(parameters, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Both algorithms are mandatory in every Java 17 runtime; reaching this means a broken JDK.
            throw new IllegalStateException("this Java runtime cannot generate " + displayName + " keys", e);
        }
    }

    /** True when certificates for keys of this type should also allow key encipherment (RSA key transport). */
    boolean encryptsKeys() {
        return this == RSA_3072;
    }
}
