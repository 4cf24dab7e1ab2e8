package io.connectusm.certs;

import static io.connectusm.certs.SecretAssertions.assertMentionsNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
    private static final char[] WRONG_PASSWORD = "Wr0ng-But-Still-Secret-42".toCharArray();

    @TempDir
    static Path dir;

    private static LeafFiles files;

    @BeforeAll
    static void writeFiles() {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
        files = LeafFiles.write(dir.resolve("worker"), ca.issue(LeafSpec.client("worker").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
    }

    @Test
    void buildsKeyAndTrustManagersFromTheWrittenFiles() {
        assertThat(TlsContexts.keyManagers(files.keystore(), files.password())).isNotEmpty();
        assertThat(TlsContexts.trustManagers(files.truststore(), files.password())).isNotEmpty();
        assertThat(TlsContexts.sslContext(files.directory()).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void wrongKeystorePasswordNamesTheFileAndNeverShowsAPassword() {
        CertificateFileException failure = catchThrowableOfType(CertificateFileException.class,
                () -> TlsContexts.keyManagers(files.keystore(), WRONG_PASSWORD));

        assertThat(failure).hasMessageContaining(files.keystore().toString()).hasMessageContaining("wrong password");
        assertThat(failure.file()).isEqualTo(files.keystore());
        assertMentionsNoSecret(failure, WRONG_PASSWORD, files.password());
    }

    @Test
    void wrongTruststorePasswordNamesTheFileAndNeverShowsAPassword() {
        CertificateFileException failure = catchThrowableOfType(CertificateFileException.class,
                () -> TlsContexts.trustManagers(files.truststore(), WRONG_PASSWORD));

        assertThat(failure).hasMessageContaining(files.truststore().toString()).hasMessageContaining("wrong password");
        assertMentionsNoSecret(failure, WRONG_PASSWORD, files.password());
    }

    @Test
    void missingKeystoreIsNamed() {
        Path missing = dir.resolve("nowhere").resolve("keystore.p12");

        assertThat(catchThrowableOfType(CertificateFileException.class,
                () -> TlsContexts.keyManagers(missing, files.password())))
                .hasMessage(missing + " does not exist");
    }

    @Test
    void truststoreUsedAsKeystoreIsNamedAsHavingNoKey() {
        assertThat(catchThrowableOfType(CertificateFileException.class,
                () -> TlsContexts.keyManagers(files.truststore(), files.password())))
                .hasMessageContaining(files.truststore() + " has no private key entry");
    }

    @Test
    void fileThatIsNotPkcs12IsNamed() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.p12"), "this is not a key store");

        assertThat(catchThrowableOfType(CertificateFileException.class,
                () -> TlsContexts.trustManagers(bogus, files.password())))
                .hasMessageContaining(bogus.toString());
    }

    @Test
    void missingPasswordFileIsNamed() {
        Path missing = dir.resolve("none").resolve("jksPassword.txt");

        assertThat(catchThrowableOfType(CertificateFileException.class, () -> StorePasswordFile.read(missing)))
                .hasMessage("password file " + missing + " does not exist");
    }

    @Test
    void passwordFileWithoutTheKeyIsNamedWithoutQuotingItsContent() throws Exception {
        Path wrongKey = Files.writeString(dir.resolve("wrong-key.txt"), "password=Sup3r-Secret-Value\n");

        CertificateFileException failure = catchThrowableOfType(CertificateFileException.class,
                () -> StorePasswordFile.read(wrongKey));

        assertThat(failure).hasMessageContaining(wrongKey + " has no jksPassword entry");
        assertMentionsNoSecret(failure, "Sup3r-Secret-Value".toCharArray());
    }

    @Test
    void emptyPasswordIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "jksPassword=\n");

        assertThat(catchThrowableOfType(CertificateFileException.class, () -> StorePasswordFile.read(empty)))
                .hasMessageContaining(empty + " has an empty jksPassword");
    }
}
