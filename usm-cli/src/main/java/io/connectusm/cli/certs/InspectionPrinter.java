package io.connectusm.cli.certs;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.connectusm.certs.FileInspection;
import io.connectusm.certs.InspectedCertificate;

/** Prints a {@link FileInspection} for people. Not thread-safe (writes to one writer). */
final class InspectionPrinter {
    private static final String ROW = "  %-18s %s%n";

    private final PrintWriter out;

    InspectionPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(FileInspection inspection, Instant now) {
        int count = inspection.certificates().size();
        out.printf("%s: %s, %d certificate%s%n", inspection.file(), inspection.format(), count, count == 1 ? "" : "s");
        for (String note : inspection.notes()) {
            out.println("  (" + note + ")");
        }
        for (InspectedCertificate certificate : inspection.certificates()) {
            out.println();
            out.println(certificate.location());
            out.printf(ROW, "Subject:", certificate.subject());
            out.printf(ROW, "Issuer:", certificate.issuer() + (certificate.isSelfIssued() ? " (self-issued)" : ""));
            out.printf(ROW, "Validity:", certificate.notBefore().truncatedTo(ChronoUnit.SECONDS) + " to "
                    + certificate.notAfter().truncatedTo(ChronoUnit.SECONDS) + "  " + status(certificate, now));
            out.printf(ROW, "Key:", certificate.keyDescription() + ", signed with "
                    + certificate.signatureAlgorithm());
            out.printf(ROW, "Kind:", certificate.caPathLength().isPresent()
                    ? "CA (" + pathLength(certificate.caPathLength().getAsInt()) + ")" : "end entity");
            out.printf(ROW, "Alternative names:", listOrNone(certificate.subjectAlternativeNames()));
            out.printf(ROW, "Key usage:", listOrNone(certificate.keyUsages()));
            out.printf(ROW, "Extended usage:", listOrNone(certificate.extendedKeyUsages()));
            out.printf(ROW, "Serial:", certificate.serialNumber());
            out.printf(ROW, "SHA-256:", certificate.sha256Fingerprint());
        }
        out.flush();
    }

    private static String status(InspectedCertificate certificate, Instant now) {
        return switch (certificate.statusAt(now)) {
            case VALID -> "(valid, " + days(Duration.between(now, certificate.notAfter())) + " left)";
            case EXPIRED -> "EXPIRED " + days(Duration.between(certificate.notAfter(), now)) + " ago";
            case NOT_YET_VALID -> "not yet valid: starts in " + days(Duration.between(now, certificate.notBefore()))
                    + " (or this machine's clock is behind)";
        };
    }

    private static String days(Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        return hours >= 1 ? hours + (hours == 1 ? " hour" : " hours") : "less than an hour";
    }

    private static String pathLength(int pathLength) {
        return pathLength == Integer.MAX_VALUE ? "no path length limit" : "path length " + pathLength;
    }

    private static String listOrNone(List<String> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values);
    }
}
