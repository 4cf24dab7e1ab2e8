package io.connectusm.certs;

/** Whether a certificate is valid at a given instant. An enum: immutable and thread-safe. */
public enum ValidityStatus {
    /** Inside its validity window. */
    VALID,
    /** Past its notAfter. */
    EXPIRED,
    /** Before its notBefore (or this machine's clock is behind). */
    NOT_YET_VALID
}
