package io.connectusm.certs;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What an end-entity certificate may be used for in TLS: its extended key usage (EKU).
 *
 * <p>A server certificate used as a client certificate (or the reverse) is rejected by the peer's trust
 * manager, which is exactly what keeps a stolen agent server key from impersonating a Connect worker.
 *
 * <p>Thread-safe (an enum).
 */
public enum KeyPurpose {
    /** {@code serverAuth} (1.3.6.1.5.5.7.3.1): may authenticate a TLS server. */
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth, "serverAuth"),
    /** {@code clientAuth} (1.3.6.1.5.5.7.3.2): may authenticate a TLS client. */
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth, "clientAuth");

    private final KeyPurposeId id;
    private final String displayName;

    KeyPurpose(KeyPurposeId id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The dotted object identifier, as {@link java.security.cert.X509Certificate#getExtendedKeyUsage()} lists it. */
    public String oid() {
        return id.getId();
    }

    /** The name OpenSSL and RFC 5280 use, such as {@code serverAuth}. */
    public String displayName() {
        return displayName;
    }

    KeyPurposeId id() {
        return id;
    }
}
