package io.connectusm.certs;

import static io.connectusm.certs.SecretAssertions.assertMentionsNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateInspectorTest {
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
    void describesThePemChainOfAServerCertificate() throws Exception {
        FileInspection inspection = CertificateInspector.describe(agentFiles.certificatePem());

        assertThat(inspection.format()).isEqualTo(FileInspection.Format.PEM);
        assertThat(inspection.certificates()).hasSize(2);
        InspectedCertificate leaf = inspection.certificates().get(0);
        assertThat(leaf.location()).isEqualTo("certificate 1 of 2");
        assertThat(leaf.subject()).isEqualTo("CN=usm-agent");
        assertThat(leaf.issuer()).isEqualTo("CN=connect-usm CA");
        assertThat(leaf.subjectAlternativeNames()).containsExactly("DNS:localhost", "IP:127.0.0.1");
        assertThat(leaf.keyUsages()).containsExactly("digitalSignature");
        assertThat(leaf.extendedKeyUsages()).containsExactly("serverAuth");
        assertThat(leaf.keyDescription()).isEqualTo("EC P-256");
        assertThat(leaf.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.caPathLength()).isEmpty();
        assertThat(leaf.statusAt(Instant.now())).isEqualTo(ValidityStatus.VALID);
        assertThat(leaf.serialNumber()).isEqualTo(agent.certificate().getSerialNumber().toString(16));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(agent.certificate().getEncoded());
        assertThat(leaf.sha256Fingerprint().replace(":", "")).isEqualTo(HexFormat.of().withUpperCase()
                .formatHex(digest));
        assertThat(leaf.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        InspectedCertificate issuer = inspection.certificates().get(1);
        assertThat(issuer.caPathLength()).isEqualTo(OptionalInt.of(0));
        assertThat(issuer.isSelfIssued()).isTrue();
        assertThat(issuer.keyUsages()).containsExactly("keyCertSign", "cRLSign");
    }

    @Test
    void opensAKeystoreWithThePasswordFileNextToIt() {
        FileInspection inspection = CertificateInspector.describe(agentFiles.keystore());

        assertThat(inspection.format()).isEqualTo(FileInspection.Format.PKCS12);
        assertThat(inspection.certificates()).extracting(InspectedCertificate::location)
                .containsExactly("entry 'usm-agent', certificate 1 of 2", "entry 'usm-agent', certificate 2 of 2");
        assertThat(inspection.notes()).containsExactly("entry 'usm-agent' holds a private key (not shown)");
    }

    @Test
    void opensATruststoreElsewhereWithAGivenPassword() throws Exception {
        Path copy = Files.copy(agentFiles.truststore(), Files.createDirectories(dir.resolve("copy"))
                .resolve("trust.p12"));

        FileInspection inspection = CertificateInspector.describe(copy, agentFiles.password());

        assertThat(inspection.certificates()).singleElement().satisfies(cert -> {
            assertThat(cert.location()).isEqualTo("trusted entry 'ca'");
            assertThat(cert.subject()).isEqualTo("CN=connect-usm CA");
        });
    }

    @Test
    void aStoreWithoutPasswordFileAsksForOne() throws Exception {
        Path lonely = Files.copy(agentFiles.keystore(), Files.createDirectories(dir.resolve("lonely"))
                .resolve("keystore.p12"));

        assertThat(catchThrowableOfType(CertificateFileException.class, () -> CertificateInspector.describe(lonely)))
                .hasMessageContaining(lonely.toString())
                .hasMessageContaining("no jksPassword.txt next to it")
                .hasMessageContaining("--password-file");
    }

    @Test
    void aWrongPasswordNamesTheStoreAndIsNotShown() {
        char[] wrong = "Not-The-Right-One-123".toCharArray();

        CertificateFileException failure = catchThrowableOfType(CertificateFileException.class,
                () -> CertificateInspector.describe(agentFiles.keystore(), wrong));

        assertThat(failure).hasMessageContaining(agentFiles.keystore() + ": wrong password");
        assertMentionsNoSecret(failure, wrong, agentFiles.password());
    }

    @Test
    void reportsAnExpiredCertificateAsExpired() {
        IssuedCertificate old = ca.issue(LeafSpec.client("old")
                .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))).build());
        LeafFiles files = LeafFiles.write(dir.resolve("old"), old, ca, WriteMode.FAIL_IF_EXISTS);

        InspectedCertificate leaf = CertificateInspector.describe(files.certificatePem()).certificates().get(0);

        assertThat(leaf.statusAt(Instant.now())).isEqualTo(ValidityStatus.EXPIRED);
        assertThat(leaf.statusAt(Instant.now().minus(Duration.ofDays(20)))).isEqualTo(ValidityStatus.NOT_YET_VALID);
    }

    @Test
    void aKeyFileIsNotACertificateAndItsKeyIsNotQuoted() throws Exception {
        CertificateFileException failure = catchThrowableOfType(CertificateFileException.class,
                () -> CertificateInspector.describe(agentFiles.privateKeyPem()));

        assertThat(failure).hasMessageContaining(agentFiles.privateKeyPem() + " holds no certificate")
                .hasMessageContaining("holds a private key");
        String keyBody = Files.readString(agentFiles.privateKeyPem()).lines().skip(1).findFirst().orElseThrow();
        assertMentionsNoSecret(failure, keyBody.toCharArray());
    }

    @Test
    void readsADerCertificate() throws Exception {
        Path der = Files.write(dir.resolve("agent.der"), agent.certificate().getEncoded());

        FileInspection inspection = CertificateInspector.describe(der);

        assertThat(inspection.format()).isEqualTo(FileInspection.Format.DER);
        assertThat(inspection.certificates()).singleElement()
                .satisfies(cert -> assertThat(cert.subject()).isEqualTo("CN=usm-agent"));
    }

    @Test
    void namesAFileThatIsNoCertificateAtAll() throws Exception {
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5});

        assertThat(catchThrowableOfType(CertificateFileException.class,
                () -> CertificateInspector.describe(junk, "x".toCharArray())))
                .hasMessage(junk + " is not a certificate file: neither PEM, a DER certificate nor a PKCS12 store");
    }

    @Test
    void aBinaryFileIsNotMistakenForAStoreThatNeedsAPassword() throws Exception {
        Path junk = Files.write(Files.createDirectories(dir.resolve("junk")).resolve("random.bin"),
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x07, 0x00});

        assertThat(catchThrowableOfType(CertificateFileException.class, () -> CertificateInspector.describe(junk)))
                .hasMessage(junk + " is not a certificate file: neither PEM, a DER certificate nor a PKCS12 store");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("missing.pem");

        assertThat(catchThrowableOfType(CertificateFileException.class, () -> CertificateInspector.describe(missing)))
                .hasMessage(missing + " does not exist");
    }
}
