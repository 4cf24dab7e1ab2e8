package io.connectusm.certs;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link CertificateInspector#describe(Path)}: what a file is and the certificates in it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file         the file inspected
 * @param format       what kind of file it is
 * @param certificates every certificate in it, in file order (a key store's chains leaf first)
 * @param notes        facts about the file beyond its certificates, such as "holds a private key"
 */
public record FileInspection(Path file, Format format, List<InspectedCertificate> certificates, List<String> notes) {

    /** The file formats {@code usm certs inspect} reads. */
    public enum Format {
        /** PEM text ({@code -----BEGIN CERTIFICATE-----}). */
        PEM,
        /** A DER-encoded X.509 certificate. */
        DER,
        /** A PKCS12 key or trust store. */
        PKCS12
    }

    /** Copies the lists. */
    public FileInspection {
        certificates = List.copyOf(certificates);
        notes = List.copyOf(notes);
    }
}
