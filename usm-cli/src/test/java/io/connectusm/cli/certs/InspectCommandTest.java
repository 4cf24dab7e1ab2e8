package io.connectusm.cli.certs;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.IssuedCertificate;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import io.connectusm.cli.ExitCodes;
import io.connectusm.cli.UsmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static IssuedCertificate agent;
    private static LeafFiles agentFiles;

    @BeforeAll
    static void writeFiles() {
        ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
        agent = ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build());
        agentFiles = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);
    }

    @Test
    void showsWhatAPersonChecksWhenAHandshakeFails() throws Exception {
        UsmRun run = usm("certs", "inspect", agentFiles.certificatePem().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(agent.certificate().getEncoded()));
        assertThat(run.out()).startsWith(agentFiles.certificatePem() + ": PEM, 2 certificates")
                .containsPattern("Subject: +CN=usm-agent")
                .containsPattern("Issuer: +CN=connect-usm CA\\R")
                .containsPattern("Alternative names: +DNS:localhost, IP:127.0.0.1")
                .containsPattern("Key usage: +digitalSignature\\R")
                .containsPattern("Extended usage: +serverAuth\\R")
                .containsPattern("Key: +EC P-256, signed with SHA256withECDSA")
                .containsPattern("Kind: +end entity")
                .containsPattern("Validity: .*\\(valid, 36[45] days left\\)")
                .containsPattern("SHA-256: +" + fingerprint)
                .containsPattern("Kind: +CA \\(path length 0\\)")
                .containsPattern("Key usage: +keyCertSign, cRLSign");
    }

    @Test
    void opensAKeystoreWithItsPasswordFileAndShowsNoSecret() {
        UsmRun run = usm("certs", "inspect", agentFiles.keystore().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(agentFiles.keystore() + ": PKCS12, 2 certificates")
                .contains("(entry 'usm-agent' holds a private key (not shown))")
                .contains("entry 'usm-agent', certificate 1 of 2")
                .doesNotContain(new String(agentFiles.password()));
    }

    @Test
    void opensAStoreElsewhereWithPasswordFile() throws Exception {
        Path copy = Files.copy(agentFiles.truststore(), Files.createDirectories(dir.resolve("elsewhere"))
                .resolve("truststore.p12"));

        UsmRun withoutPassword = usm("certs", "inspect", copy.toString());
        UsmRun withPassword = usm("certs", "inspect", copy.toString(), "--password-file",
                agentFiles.passwordFile().toString());

        assertThat(withoutPassword.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(withoutPassword.err()).startsWith("Error: " + copy).contains("--password-file");
        assertThat(withPassword.exitCode()).as(withPassword.toString()).isEqualTo(ExitCodes.OK);
        assertThat(withPassword.out()).contains("trusted entry 'ca'").containsPattern("Subject: +CN=connect-usm CA");
    }

    @Test
    void flagsAnExpiredCertificate() {
        IssuedCertificate old = ca.issue(LeafSpec.client("old")
                .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(2))).build());
        LeafFiles files = LeafFiles.write(dir.resolve("old"), old, ca, WriteMode.FAIL_IF_EXISTS);

        UsmRun run = usm("certs", "inspect", files.certificatePem().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("Validity: .* EXPIRED 2 days ago");
    }

    @Test
    void flagsACertificateThatIsNotYetValid() {
        IssuedCertificate future = ca.issue(LeafSpec.client("future")
                .validity(Instant.now().plus(Duration.ofDays(3)).plusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30)))
                .build());
        LeafFiles files = LeafFiles.write(dir.resolve("future"), future, ca, WriteMode.FAIL_IF_EXISTS);

        UsmRun run = usm("certs", "inspect", files.certificatePem().toString());

        assertThat(run.out()).containsPattern("Validity: .* not yet valid: starts in 3 days");
    }

    @Test
    void aKeyFileIsRefusedWithAHintAndNotShown() throws Exception {
        UsmRun run = usm("certs", "inspect", agentFiles.privateKeyPem().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("Error: " + agentFiles.privateKeyPem() + " holds no certificate")
                .contains("cert.pem");
        String keyLine = Files.readAllLines(agentFiles.privateKeyPem()).get(1);
        assertThat(run.out() + run.err()).doesNotContain(keyLine);
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.pem");

        UsmRun run = usm("certs", "inspect", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("Error: " + missing + " does not exist" + System.lineSeparator());
    }

    @Test
    void missingPasswordFileIsNamed() {
        Path missing = dir.resolve("nowhere.txt");

        UsmRun run = usm("certs", "inspect", agentFiles.keystore().toString(), "--password-file", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("Error: password file " + missing + " does not exist");
    }
}
