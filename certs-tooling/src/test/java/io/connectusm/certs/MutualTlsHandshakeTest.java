package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes with client authentication required, where both sides are built only from the files
 * {@link LeafFiles} wrote (keystore.p12, truststore.p12, jksPassword.txt), as an agent and a worker would be.
 */
class MutualTlsHandshakeTest {
    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static SSLContext agent;

    @BeforeAll
    static void agentWithServerCertificate() {
        ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
        agent = fromFiles(ca, LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build(), "agent");
    }

    @Test
    void acceptsWorkerWithClientCertificateOfTheSameCa() throws Exception {
        SSLContext worker = fromFiles(ca, LeafSpec.client("connect-group-xyz123")
                .uri("urn:connect-usm:connect:connect-group-xyz123").build(), "worker");

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(agent, worker);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.protocol()).contains("TLSv1.3");
        assertThat(outcome.serverSawClient().orElseThrow().getSubjectX500Principal().getName())
                .isEqualTo("CN=connect-group-xyz123");
        assertThat(outcome.clientSawServer().orElseThrow().getSubjectX500Principal().getName())
                .isEqualTo("CN=usm-agent");
        assertThat(outcome.clientReceived()).contains("hello CN=connect-group-xyz123");
    }

    @Test
    void workerVerifiesTheAgentByItsDnsName() throws Exception {
        SSLContext worker = fromFiles(ca, LeafSpec.client("by-dns").build(), "by-dns");

        assertThat(MutualTlsProbe.handshake(agent, worker, "localhost").succeeded()).isTrue();
    }

    @Test
    void workerRejectsAgentWhoseCertificateDoesNotNameTheHost() throws Exception {
        SSLContext worker = fromFiles(ca, LeafSpec.client("strict").build(), "strict");

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(agent, worker, "usm-agent.example.com");

        assertThat(outcome.clientFailure()).get().isInstanceOf(SSLHandshakeException.class);
        assertThat(MutualTlsProbe.describeChain(outcome.clientFailure().orElseThrow()))
                .contains("No subject alternative DNS name matching usm-agent.example.com");
    }

    @Test
    void agentRejectsClientCertificateOfAnotherCa() throws Exception {
        CertificateAuthority otherCa = CertificateAuthority.create(CaSpec.named("someone else's CA"));
        // The intruder trusts our CA, so only the agent's check of the client certificate can stop it.
        IssuedCertificate intruder = otherCa.issue(LeafSpec.client("connect-group-xyz123").build());
        LeafFiles files = LeafFiles.write(dir.resolve("intruder"), intruder, otherCa, WriteMode.FAIL_IF_EXISTS);
        SSLContext client = contextWithForeignTrust(files, dir.resolve("agent"));

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(agent, client);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverFailure()).get().isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.serverFailureText()).contains("unable to find valid certification path")
                .doesNotContain("Empty client certificate chain");
    }

    @Test
    void agentRejectsExpiredClientCertificate() throws Exception {
        SSLContext expired = fromFiles(ca, LeafSpec.client("old")
                .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)))
                .build(), "expired");

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(agent, expired);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverFailure()).get().isInstanceOf(SSLHandshakeException.class)
                .satisfies(failure -> assertThat(failure).hasRootCauseInstanceOf(CertificateExpiredException.class));
    }

    @Test
    void agentRejectsServerOnlyCertificateUsedAsClientCertificate() throws Exception {
        SSLContext wrongUsage = fromFiles(ca, LeafSpec.server("not-a-client").build(), "wrong-eku");

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(agent, wrongUsage);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverFailure()).get().isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.serverFailureText()).contains("Extended key usage does not permit use for TLS client");
    }

    @Test
    void certificateForServerAndClientWorksOnBothSides() throws Exception {
        SSLContext both = fromFiles(ca, LeafSpec.serverAndClient("peer").ip("127.0.0.1").build(), "both");

        assertThat(MutualTlsProbe.handshake(both, both).succeeded()).isTrue();
    }

    @Test
    void rsa3072CaAndKeysWork() throws Exception {
        CertificateAuthority rsaCa = CertificateAuthority.create(CaSpec.named("rsa CA").withKeyType(KeyType.RSA_3072)
                .withValidity(Duration.ofDays(365)));
        SSLContext server = fromFiles(rsaCa, LeafSpec.server("rsa-agent").ip("127.0.0.1").keyType(KeyType.RSA_3072)
                .build(), "rsa-agent");
        SSLContext client = fromFiles(rsaCa, LeafSpec.client("rsa-worker").build(), "rsa-worker");

        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(server, client);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.clientSawServer().orElseThrow().getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    /** Issues a certificate, writes its files, and builds a TLS context from nothing but those files. */
    private static SSLContext fromFiles(CertificateAuthority authority, LeafSpec spec, String name) {
        LeafFiles files = LeafFiles.write(dir.resolve(name), authority.issue(spec), authority,
                WriteMode.FAIL_IF_EXISTS);
        return TlsContexts.sslContext(files.directory());
    }

    private static SSLContext contextWithForeignTrust(LeafFiles identity, Path trustDirectory) throws Exception {
        char[] ownPassword = StorePasswordFile.read(identity.passwordFile());
        char[] trustPassword = StorePasswordFile.read(trustDirectory.resolve(StorePasswordFile.FILE_NAME));
        X509ExtendedKeyManager keyManager =
                (X509ExtendedKeyManager) TlsContexts.keyManagers(identity.keystore(), ownPassword)[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new PresentAnyway(keyManager)},
                TlsContexts.trustManagers(trustDirectory.resolve(LeafFiles.TRUSTSTORE), trustPassword), null);
        return context;
    }

    /**
     * Presents the client certificate even when the server's list of acceptable CAs does not include its issuer.
     * The JDK client politely sends nothing in that case; an intruder would not, and the agent must reject the
     * certificate itself rather than rely on the client's politeness.
     */
    private static final class PresentAnyway extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        PresentAnyway(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyTypes, null, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyTypes, null, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
