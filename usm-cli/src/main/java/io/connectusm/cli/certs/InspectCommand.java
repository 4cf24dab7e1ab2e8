package io.connectusm.cli.certs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.connectusm.certs.CertificateInspector;
import io.connectusm.certs.FileInspection;
import io.connectusm.certs.StorePasswordFile;
import io.connectusm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code usm certs inspect}: shows what is in a certificate file. One instance per parse. */
@Command(name = "inspect",
        description = {
            "Show the certificates in a PEM file (cert.pem, ca.pem), a DER certificate, or a PKCS12 store"
                + " (keystore.p12, truststore.p12): subject, issuer, names, key usages, validity (flagging EXPIRED"
                + " and not yet valid), key type and SHA-256 fingerprint. Private keys are never shown.",
            "",
            "A .p12 is opened with the jksPassword.txt next to it, or with --password-file.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  usm certs inspect /etc/usm/agent/cert.pem",
            "  usm certs inspect /etc/usm/connect/keystore.p12",
            "  usm certs inspect /mnt/sslcerts/truststore.p12 \\",
            "      --password-file /mnt/sslcerts/jksPassword.txt"
        },
        sortOptions = false)
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The certificate file to inspect.")
    Path file;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The jksPassword.txt of a PKCS12 store that has none next to it.")
    Path passwordFile;

    @Override
    public Integer call() {
        char[] password = passwordFile == null ? null : StorePasswordFile.read(passwordFile);
        try {
            FileInspection inspection = CertificateInspector.describe(file, password);
            new InspectionPrinter(spec.commandLine().getOut()).print(inspection, Instant.now());
            return ExitCodes.OK;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
