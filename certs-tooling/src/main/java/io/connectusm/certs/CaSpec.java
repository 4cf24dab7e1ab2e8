package io.connectusm.certs;

import java.time.Duration;
import java.util.Objects;

/**
 * What a new certificate authority looks like: its name, its key type and how long it is valid.
 *
 * <p>Start from {@link #named(String)}, which gives the defaults (EC P-256, ten years), and adjust with the
 * {@code with…} methods, each of which returns a new spec. Immutable and thread-safe.
 *
 * @param commonName the CN of the CA's subject, such as {@code connect-usm CA}
 * @param keyType    the CA's key type; it also decides the signature algorithm of every certificate it issues
 * @param validity   how long the CA certificate is valid from its creation
 */
public record CaSpec(String commonName, KeyType keyType, Duration validity) {

    /** Ten years: a private CA outlives the certificates it issues, and replacing it means re-issuing all of them. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    /** Validates the spec. */
    public CaSpec {
        CommonNames.requireValid(commonName);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("a CA must be valid for at least 1 day, not " + validity);
        }
    }

    /** A CA called {@code commonName} with an EC P-256 key, valid for ten years. */
    public static CaSpec named(String commonName) {
        return new CaSpec(commonName, KeyType.EC_P256, DEFAULT_VALIDITY);
    }

    /** This spec with another key type. */
    public CaSpec withKeyType(KeyType newKeyType) {
        return new CaSpec(commonName, newKeyType, validity);
    }

    /** This spec with another validity, counted from the CA's creation. */
    public CaSpec withValidity(Duration newValidity) {
        return new CaSpec(commonName, keyType, newValidity);
    }
}
