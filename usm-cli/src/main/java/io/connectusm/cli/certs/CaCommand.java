package io.connectusm.cli.certs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.connectusm.certs.CaFiles;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code usm certs ca}: creates a private CA in a directory. One instance per parse. */
@Command(name = "ca",
        description = {
            "Create a private certificate authority (CA) that signs the usm-agent's and the Connect workers'"
                + " certificates.",
            "",
            "Writes ca.pem, ca-key.pem (owner-only), truststore.p12 and jksPassword.txt (owner-only) into --out.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  usm certs ca --out /etc/usm/ca",
            "  usm certs ca --out ./ca --cn \"acme CA\" --key-type rsa --days 1825"
        },
        sortOptions = false)
final class CaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the CA into; created if missing, refused if not empty (see --force).")
    Path out;

    @Option(names = "--cn", paramLabel = "NAME", defaultValue = "connect-usm CA",
            description = "Common name of the CA (default: ${DEFAULT-VALUE}).")
    String commonName;

    @Option(names = "--days", paramLabel = "N", defaultValue = "3650", converter = DaysConverter.class,
            description = "Days the CA is valid (default: ${DEFAULT-VALUE}, ten years; re-issuing everything is the "
                    + "price of a new CA).")
    long days;

    @Mixin
    KeyOptions keyOptions;

    @Override
    public Integer call() {
        CaSpec caSpec = CaSpec.named(commonName).withKeyType(keyOptions.keyType()).withValidity(Duration.ofDays(days));
        CertificateAuthority ca = CertificateAuthority.create(caSpec);
        CaFiles files = ca.writeTo(out, keyOptions.writeMode());
        new WrittenFilesReport(spec.commandLine().getOut()).ca(ca, files);
        return ExitCodes.OK;
    }
}
