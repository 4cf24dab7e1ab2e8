package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafFilesTest {
    private static final String OWNER_ONLY = "rw-------";
    private static final String WORLD_READABLE = "rw-r--r--";

    private static CertificateAuthority ca;
    private static IssuedCertificate agent;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
        agent = ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build());
    }

    @Test
    void writesTheSixFilesAndOnlyTheOwnerMayReadKeysAndPasswords() throws Exception {
        LeafFiles files = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        try (var listing = Files.list(files.directory())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("keystore.p12",
                    "truststore.p12", "jksPassword.txt", "cert.pem", "key.pem", "ca.pem");
        }
        assertThat(permissions(files.keystore())).isEqualTo(OWNER_ONLY);
        assertThat(permissions(files.privateKeyPem())).isEqualTo(OWNER_ONLY);
        assertThat(permissions(files.passwordFile())).isEqualTo(OWNER_ONLY);
        assertThat(permissions(files.certificatePem())).isEqualTo(WORLD_READABLE);
        assertThat(permissions(files.truststore())).isEqualTo(WORLD_READABLE);
        assertThat(permissions(files.caPem())).isEqualTo(WORLD_READABLE);
        assertThat(files.directory()).isEqualTo(dir.resolve("agent"));
    }

    @Test
    void passwordFileIsWhatKafkasFileConfigProviderReads() throws Exception {
        LeafFiles files = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        String content = Files.readString(files.passwordFile());
        assertThat(content).matches("jksPassword=[A-Za-z0-9_-]{24,}\n");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(files.passwordFile(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        assertThat(properties.getProperty("jksPassword").toCharArray()).isEqualTo(files.password());
        assertThat(StorePasswordFile.read(files.passwordFile())).isEqualTo(files.password());
    }

    @Test
    void everyWriteGetsItsOwnPassword() {
        LeafFiles first = LeafFiles.write(dir.resolve("a"), agent, ca, WriteMode.FAIL_IF_EXISTS);
        LeafFiles second = LeafFiles.write(dir.resolve("b"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        assertThat(first.password()).isNotEqualTo(second.password());
    }

    @Test
    void keystoreHoldsTheKeyAndChainUnderTheCommonNameWithTheStorePassword() throws Exception {
        LeafFiles files = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        KeyStore keystore = load(files.keystore(), files.password());
        assertThat(Collections.list(keystore.aliases())).containsExactly("usm-agent");
        assertThat(keystore.isKeyEntry("usm-agent")).isTrue();
        assertThat(keystore.getKey("usm-agent", files.password())).isEqualTo(agent.privateKey());
        assertThat(keystore.getCertificateChain("usm-agent")).containsExactly(agent.certificate(), ca.certificate());
    }

    @Test
    void truststoreHoldsOnlyTheCaUnderAliasCa() throws Exception {
        LeafFiles files = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        KeyStore truststore = load(files.truststore(), files.password());
        assertThat(Collections.list(truststore.aliases())).containsExactly("ca");
        assertThat(truststore.isCertificateEntry("ca")).isTrue();
        assertThat(truststore.getCertificate("ca")).isEqualTo(ca.certificate());
    }

    @Test
    void pemFilesHoldTheChainThePkcs8KeyAndTheCa() throws Exception {
        LeafFiles files = LeafFiles.write(dir.resolve("agent"), agent, ca, WriteMode.FAIL_IF_EXISTS);

        assertThat(PemFiles.readCertificates(files.certificatePem())).containsExactly(agent.certificate(),
                ca.certificate());
        assertThat(Files.readString(files.privateKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PemFiles.readPrivateKey(files.privateKeyPem())).isEqualTo(agent.privateKey());
        assertThat(PemFiles.readCertificates(files.caPem())).containsExactly(ca.certificate());
    }

    @Test
    void refusesADirectoryThatIsNotEmptyAndSaysToUseForce() throws Exception {
        Path out = Files.createDirectories(dir.resolve("agent"));
        Files.writeString(out.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> LeafFiles.write(out, agent, ca, WriteMode.FAIL_IF_EXISTS))
                .isInstanceOf(OutputExistsException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("--force");
        try (var listing = Files.list(out)) {
            assertThat(listing).containsExactly(out.resolve("notes.txt"));
        }
    }

    @Test
    void writesIntoAnExistingEmptyDirectory() throws Exception {
        Path out = Files.createDirectories(dir.resolve("empty"));

        assertThat(LeafFiles.write(out, agent, ca, WriteMode.FAIL_IF_EXISTS).keystore()).exists();
    }

    @Test
    void overwriteReplacesEveryFileKeepsOthersAndRestoresOwnerOnlyPermissions() throws Exception {
        Path out = dir.resolve("agent");
        LeafFiles.write(out, agent, ca, WriteMode.FAIL_IF_EXISTS);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Files.setPosixFilePermissions(out.resolve("key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        IssuedCertificate renewed = ca.issue(LeafSpec.server("usm-agent").dns("localhost").build());

        LeafFiles files = LeafFiles.write(out, renewed, ca, WriteMode.OVERWRITE);

        assertThat(load(files.keystore(), files.password()).getCertificate("usm-agent"))
                .isEqualTo(renewed.certificate());
        assertThat(PemFiles.readPrivateKey(files.privateKeyPem())).isEqualTo(renewed.privateKey());
        assertThat(permissions(files.privateKeyPem())).isEqualTo(OWNER_ONLY);
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void refusesAFileWhereTheDirectoryShouldBe() throws Exception {
        Path file = Files.writeString(dir.resolve("agent"), "a file");

        assertThatThrownBy(() -> LeafFiles.write(file, agent, ca, WriteMode.OVERWRITE))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(file + " exists and is not a directory");
    }

    @Test
    void refusesACertificateOfAnotherCa() {
        CertificateAuthority other = CertificateAuthority.create(CaSpec.named("other"));

        assertThatThrownBy(() -> LeafFiles.write(dir.resolve("x"), agent, other, WriteMode.FAIL_IF_EXISTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not issued by CA 'other'");
    }

    @Test
    void caDirectoryHoldsTheKeyOwnerOnlyAndWorksAsATrustBundle() throws Exception {
        CaFiles files = ca.writeTo(dir.resolve("ca"), WriteMode.FAIL_IF_EXISTS);

        assertThat(files.files()).allSatisfy(file -> assertThat(file).exists());
        assertThat(files.files()).extracting(file -> file.getFileName().toString())
                .containsExactly("ca.pem", "ca-key.pem", "truststore.p12", "jksPassword.txt");
        assertThat(permissions(files.privateKey())).isEqualTo(OWNER_ONLY);
        assertThat(permissions(files.passwordFile())).isEqualTo(OWNER_ONLY);
        assertThat(Files.readString(files.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        char[] password = StorePasswordFile.read(files.passwordFile());
        assertThat(TlsContexts.trustManagers(files.truststore(), password)).isNotEmpty();
        assertThat(load(files.truststore(), password).getCertificate("ca")).isEqualTo(ca.certificate());
    }

    @Test
    void caDirectoryIsNotOverwrittenWithoutOverwrite() {
        CaFiles first = ca.writeTo(dir.resolve("ca"), WriteMode.FAIL_IF_EXISTS);
        CertificateAuthority other = CertificateAuthority.create(CaSpec.named("other"));

        assertThatThrownBy(() -> other.writeTo(first.directory(), WriteMode.FAIL_IF_EXISTS))
                .isInstanceOf(OutputExistsException.class)
                .hasMessageContaining(first.directory().toString());
        assertThat(PemFiles.readCertificates(first.certificate())).containsExactly(ca.certificate());

        other.writeTo(first.directory(), WriteMode.OVERWRITE);
        assertThat(PemFiles.readCertificates(first.certificate())).containsExactly(other.certificate());
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
