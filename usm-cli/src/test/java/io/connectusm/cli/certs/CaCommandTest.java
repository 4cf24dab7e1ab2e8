package io.connectusm.cli.certs;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.StorePasswordFile;
import io.connectusm.cli.ExitCodes;
import io.connectusm.cli.UsmRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesACaThatLoadsAndSaysWhatItWroteWithoutThePassword() {
        Path ca = dir.resolve("ca");

        UsmRun run = usm("certs", "ca", "--out", ca.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(ca).isDirectoryContaining("glob:**/ca.pem").isDirectoryContaining("glob:**/ca-key.pem")
                .isDirectoryContaining("glob:**/truststore.p12").isDirectoryContaining("glob:**/jksPassword.txt");
        X509Certificate cert = CertificateAuthority.load(ca).certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=connect-usm CA");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(run.out()).contains("Created CA \"connect-usm CA\" (EC P-256", "in " + ca, "ca-key.pem",
                "usm certs issue --ca " + ca + " --out DIR --cn usm-agent");
        String password = new String(StorePasswordFile.read(ca.resolve("jksPassword.txt")));
        assertThat(run.out() + run.err()).doesNotContain(password);
    }

    @Test
    void honoursNameKeyTypeAndDays() {
        Path ca = dir.resolve("ca");

        UsmRun run = usm("certs", "ca", "--out", ca.toString(), "--cn", "acme CA", "--key-type", "RSA",
                "--days", "30");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        X509Certificate cert = CertificateAuthority.load(ca).certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=acme CA");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(cert.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(30)),
                within(1, ChronoUnit.HOURS));
    }

    @Test
    void refusesANonEmptyDirectoryUnlessForced() throws Exception {
        Path ca = dir.resolve("ca");
        usm("certs", "ca", "--out", ca.toString());
        byte[] before = Files.readAllBytes(ca.resolve("ca.pem"));

        UsmRun refused = usm("certs", "ca", "--out", ca.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).startsWith("Error: " + ca + " already exists and is not empty")
                .contains("--force").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(ca.resolve("ca.pem"))).isEqualTo(before);

        UsmRun forced = usm("certs", "ca", "--out", ca.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(ca.resolve("ca.pem"))).isNotEqualTo(before);
    }

    @Test
    void daysOutOfRangeIsAUsageErrorNamingTheOption() {
        UsmRun run = usm("certs", "ca", "--out", dir.resolve("ca").toString(), "--days", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--days").contains("'0' days is out of range: use 1 to 36500")
                .contains("Run 'usm certs ca --help' for usage.");
        assertThat(dir.resolve("ca")).doesNotExist();
    }

    @Test
    void unknownKeyTypeIsAUsageErrorListingTheChoices() {
        UsmRun run = usm("certs", "ca", "--out", dir.resolve("ca").toString(), "--key-type", "dsa");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--key-type").contains("dsa").contains("EC, RSA");
    }

    @Test
    void outIsRequired() {
        UsmRun run = usm("certs", "ca");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Missing required option: '--out=DIR'");
    }
}
