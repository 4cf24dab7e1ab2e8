package io.connectusm.certs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an end-entity (leaf) certificate looks like: its common name, what it may be used for (server, client or
 * both), its subject alternative names, its key type and its validity.
 *
 * <pre>{@code
 * LeafSpec agent = LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build();
 * LeafSpec worker = LeafSpec.client("connect-group-xyz123")
 *         .uri("urn:connect-usm:connect:connect-group-xyz123").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not thread-safe.
 *
 * @param commonName              the CN of the subject, such as {@code usm-agent}; also the key store alias
 * @param purposes                the extended key usages; never empty
 * @param subjectAlternativeNames the DNS names, IP addresses and URIs, in the order given
 * @param keyType                 the leaf's own key type (the signature algorithm follows the issuer's key)
 * @param validity                when the certificate is valid
 */
public record LeafSpec(String commonName, Set<KeyPurpose> purposes,
                       List<SubjectAlternativeName> subjectAlternativeNames, KeyType keyType, Validity validity) {

    /** One year: long enough not to be a chore, short enough that a leaked key stops working. */
    public static final long DEFAULT_DAYS = 365;

    /** Validates the spec and makes its collections immutable. */
    public LeafSpec {
        CommonNames.requireValid(commonName);
        Objects.requireNonNull(purposes, "purposes");
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("certificate '" + commonName
                    + "' needs at least one purpose: server, client or both");
        }
        purposes = Set.copyOf(purposes);
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validity, "validity");
    }

    /** A builder for a TLS server certificate (serverAuth only). */
    public static Builder server(String commonName) {
        return builder(commonName, EnumSet.of(KeyPurpose.SERVER_AUTH));
    }

    /** A builder for a TLS client certificate (clientAuth only). */
    public static Builder client(String commonName) {
        return builder(commonName, EnumSet.of(KeyPurpose.CLIENT_AUTH));
    }

    /** A builder for a certificate that may authenticate both a TLS server and a TLS client. */
    public static Builder serverAndClient(String commonName) {
        return builder(commonName, EnumSet.allOf(KeyPurpose.class));
    }

    /** A builder for a certificate with the given purposes (at least one). */
    public static Builder builder(String commonName, Collection<KeyPurpose> purposes) {
        return new Builder(commonName, purposes);
    }

    /**
     * Collects the optional parts of a {@link LeafSpec}. Defaults: no subject alternative names, an EC P-256 key,
     * valid for {@value LeafSpec#DEFAULT_DAYS} days. Not thread-safe; use once.
     */
    public static final class Builder {
        private final String commonName;
        private final Set<KeyPurpose> purposes;
        private final List<SubjectAlternativeName> names = new ArrayList<>();
        private KeyType keyType = KeyType.EC_P256;
        private Validity validity = Validity.days(DEFAULT_DAYS);

        private Builder(String commonName, Collection<KeyPurpose> purposes) {
            this.commonName = commonName;
            this.purposes = purposes.isEmpty() ? EnumSet.noneOf(KeyPurpose.class) : EnumSet.copyOf(purposes);
        }

        /** Adds DNS names; each is validated now. */
        public Builder dns(String... dnsNames) {
            for (String name : dnsNames) {
                names.add(SubjectAlternativeName.dns(name));
            }
            return this;
        }

        /** Adds IP addresses (literals only, never resolved); each is validated now. */
        public Builder ip(String... addresses) {
            for (String address : addresses) {
                names.add(SubjectAlternativeName.ip(address));
            }
            return this;
        }

        /** Adds URIs; each must be absolute and is validated now. */
        public Builder uri(String... uris) {
            for (String uri : uris) {
                names.add(SubjectAlternativeName.uri(uri));
            }
            return this;
        }

        /** Adds already validated subject alternative names. */
        public Builder subjectAlternativeNames(Collection<SubjectAlternativeName> alternativeNames) {
            names.addAll(alternativeNames);
            return this;
        }

        /** Valid for {@code days} days from the moment of issue. */
        public Builder days(long days) {
            this.validity = Validity.days(days);
            return this;
        }

        /** Valid exactly from {@code notBefore} to {@code notAfter}, which need not contain now. */
        public Builder validity(Instant notBefore, Instant notAfter) {
            this.validity = Validity.between(notBefore, notAfter);
            return this;
        }

        /** The leaf's own key type. */
        public Builder keyType(KeyType type) {
            this.keyType = Objects.requireNonNull(type, "keyType");
            return this;
        }

        /** The spec; validates the common name and the purposes. */
        public LeafSpec build() {
            return new LeafSpec(commonName, purposes, names, keyType, validity);
        }
    }
}
