package io.connectusm.cli.certs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.connectusm.certs.CaFiles;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.CertificateInspector;
import io.connectusm.certs.InspectedCertificate;
import io.connectusm.certs.IssuedCertificate;
import io.connectusm.certs.KeyPurpose;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;

/**
 * Tells the user what {@code usm certs ca} and {@code usm certs issue} wrote and how to use it: each file with its
 * role, and the properties lines that point a worker or the agent at them. Never prints a password: the lines refer
 * to the password file instead. Not thread-safe (writes to one writer).
 */
final class WrittenFilesReport {
    private static final String ROW = "  %-16s %s%n";

    private final PrintWriter out;

    WrittenFilesReport(PrintWriter out) {
        this.out = out;
    }

    void ca(CertificateAuthority ca, CaFiles files) {
        X509Certificate cert = ca.certificate();
        out.printf("Created CA \"%s\" (%s, valid until %s) in %s%n", ca.commonName(), keyOf(cert), until(cert),
                files.directory());
        out.printf(ROW, CaFiles.CERTIFICATE_PEM, "CA certificate (PEM): every party that must trust this CA gets it");
        out.printf(ROW, CaFiles.PRIVATE_KEY_PEM, "CA private key (PKCS#8 PEM, owner-only): keep it secret and "
                + "offline if you can; whoever holds it can issue trusted certificates");
        out.printf(ROW, name(files.truststore()), "PKCS12 trust store holding the CA certificate (alias \"ca\")");
        out.printf(ROW, name(files.passwordFile()), "password of truststore.p12 (owner-only)");
        out.println();
        out.println("Next, issue the agent's server certificate and a client certificate per Connect cluster:");
        out.printf("  usm certs issue --ca %s --out DIR --cn usm-agent --dns AGENT-HOST --server%n",
                files.directory());
        out.printf("  usm certs issue --ca %s --out DIR --cn CONNECT-CLUSTER-ID --client%n", files.directory());
        out.flush();
    }

    void leaf(LeafSpec spec, IssuedCertificate issued, CertificateAuthority ca, LeafFiles files) {
        X509Certificate cert = issued.certificate();
        out.printf("Issued %s certificate \"%s\" (%s, valid until %s), signed by CA \"%s\", in %s%n",
                purposeOf(spec), issued.commonName(), keyOf(cert), until(cert), ca.commonName(), files.directory());
        if (!spec.subjectAlternativeNames().isEmpty()) {
            out.println("Names: " + String.join(", ", spec.subjectAlternativeNames().stream()
                    .map(Object::toString).toList()));
        }
        out.printf(ROW, LeafFiles.KEYSTORE, "PKCS12 key store: private key and chain (alias \"" + issued.commonName()
                + "\", owner-only)");
        out.printf(ROW, LeafFiles.TRUSTSTORE, "PKCS12 trust store: the CA certificate (alias \"ca\")");
        out.printf(ROW, name(files.passwordFile()), "password of both stores and of the key (owner-only)");
        out.printf(ROW, LeafFiles.CERTIFICATE_PEM, "certificate chain (PEM: this certificate, then the CA)");
        out.printf(ROW, LeafFiles.PRIVATE_KEY_PEM, "private key (PKCS#8 PEM, unencrypted, owner-only)");
        out.printf(ROW, LeafFiles.CA_PEM, "CA certificate (PEM)");
        if (spec.purposes().contains(KeyPurpose.CLIENT_AUTH)) {
            out.println();
            out.println("Connect worker properties (add them to every worker of the cluster, then restart the"
                    + " workers one at a time):");
            TlsProperties.fileConfigProvider().forEach(out::println);
            TlsProperties.lines(TlsProperties.WORKER_PREFIX, files.keystore(), files.truststore(),
                    files.passwordFile()).forEach(out::println);
        }
        if (spec.purposes().contains(KeyPurpose.SERVER_AUTH)) {
            out.println();
            out.println("usm-agent properties (its mTLS listener for the workers):");
            TlsProperties.lines(TlsProperties.AGENT_PREFIX, files.keystore(), files.truststore(),
                    files.passwordFile()).forEach(out::println);
        }
        out.flush();
    }

    private static String purposeOf(LeafSpec spec) {
        boolean server = spec.purposes().contains(KeyPurpose.SERVER_AUTH);
        boolean client = spec.purposes().contains(KeyPurpose.CLIENT_AUTH);
        return server && client ? "server and client" : server ? "server" : "client";
    }

    private static String keyOf(X509Certificate cert) {
        InspectedCertificate inspected = CertificateInspector.describe(cert);
        return inspected.keyDescription() + ", " + inspected.signatureAlgorithm();
    }

    private static LocalDate until(X509Certificate cert) {
        return LocalDate.ofInstant(cert.getNotAfter().toInstant(), ZoneOffset.UTC);
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
