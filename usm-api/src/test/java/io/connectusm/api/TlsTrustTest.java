package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust sources on real files from certs-tooling: each one that works gives a context, each broken one fails
 * naming the file at fault and never the password.
 */
class TlsTrustTest {

    @TempDir
    Path dir;

    private LeafFiles leaf;

    @BeforeEach
    void issue() {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("trust test CA"));
        leaf = LeafFiles.write(dir.resolve("leaf"), ca.issue(LeafSpec.server("localhost").dns("localhost").build()),
                ca, WriteMode.FAIL_IF_EXISTS);
    }

    @Test
    void readsThePemAndTheTrustStoreOfCertsTooling() {
        assertThat(TlsTrust.pemFile(leaf.caPem()).sslContext().getProtocol()).isEqualTo("TLS");
        assertThat(TlsTrust.trustStore(leaf.truststore(), leaf.password()).sslContext().getProtocol())
                .isEqualTo("TLS");
    }

    @Test
    void aWrongTrustStorePasswordNamesTheFileAndNotThePassword() {
        String wrong = "hunter2-not-the-password";
        assertThatThrownBy(() -> TlsTrust.trustStore(leaf.truststore(), wrong.toCharArray()).sslContext())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot use trust store " + leaf.truststore())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong)
                        .doesNotContain(new String(leaf.password())));
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> TlsTrust.trustStore(missing, leaf.password()).sslContext())
                .hasMessageStartingWith("cannot use trust store " + missing).hasMessageContaining(missing.toString());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TlsTrust.pemFile(empty).sslContext())
                .hasMessage("cannot use CA certificate " + empty + ": no certificate in " + empty);
        assertThatThrownBy(() -> TlsTrust.pemFile(leaf.keystore()).sslContext())
                .hasMessageStartingWith("cannot use CA certificate " + leaf.keystore());
    }
}
