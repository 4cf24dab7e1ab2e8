package io.connectusm.certs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@code usm certs inspect} shows about one certificate: everything a person checks when a TLS handshake
 * fails, in plain values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param location                 where in the file it was found, such as {@code entry 'usm-agent', certificate 1 of 2}
 * @param subject                  the subject DN (RFC 2253)
 * @param issuer                   the issuer DN (RFC 2253)
 * @param serialNumber             the serial number in hexadecimal
 * @param subjectAlternativeNames  the SANs as OpenSSL prints them ({@code DNS:localhost}, {@code IP:127.0.0.1}, …)
 * @param keyUsages                the key usages by RFC 5280 name ({@code digitalSignature}, {@code keyCertSign}, …)
 * @param extendedKeyUsages        the extended key usages by name ({@code serverAuth}, {@code clientAuth}) or OID
 * @param notBefore                start of validity
 * @param notAfter                 end of validity
 * @param sha256Fingerprint        SHA-256 of the DER encoding, as colon-separated upper-case hex
 * @param keyDescription           the public key, such as {@code EC P-256} or {@code RSA 3072}
 * @param signatureAlgorithm       the algorithm the issuer signed with, such as {@code SHA256withECDSA}
 * @param caPathLength             for a CA certificate its path length constraint (Integer.MAX_VALUE when
 *                                 unlimited); empty for an end-entity certificate
 */
public record InspectedCertificate(String location, String subject, String issuer, String serialNumber,
                                   List<String> subjectAlternativeNames, List<String> keyUsages,
                                   List<String> extendedKeyUsages, Instant notBefore, Instant notAfter,
                                   String sha256Fingerprint, String keyDescription, String signatureAlgorithm,
                                   OptionalInt caPathLength) {

    /** Copies the lists. */
    public InspectedCertificate {
        Objects.requireNonNull(location, "location");
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        keyUsages = List.copyOf(keyUsages);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }

    /** Whether the certificate is valid at {@code now}. */
    public ValidityStatus statusAt(Instant now) {
        if (now.isBefore(notBefore)) {
            return ValidityStatus.NOT_YET_VALID;
        }
        return now.isAfter(notAfter) ? ValidityStatus.EXPIRED : ValidityStatus.VALID;
    }

    /** True for a CA certificate. */
    public boolean isCertificateAuthority() {
        return caPathLength.isPresent();
    }

    /** True when {@code subject} equals {@code issuer} (a root CA, or a self-signed test certificate). */
    public boolean isSelfIssued() {
        return subject.equals(issuer);
    }
}
