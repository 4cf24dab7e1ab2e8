package io.connectusm.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores written by certs-tooling, loaded here, and used for a real mTLS handshake under the server policy. */
class KeyStoresTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private LeafFiles server;
    private LeafFiles client;

    @BeforeEach
    void issue() {
        ca = CertificateAuthority.create(CaSpec.named("support test CA"));
        server = LeafFiles.write(dir.resolve("server"), ca.issue(LeafSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1").build()), ca, WriteMode.FAIL_IF_EXISTS);
        client = LeafFiles.write(dir.resolve("client"), ca.issue(LeafSpec.client("connect-1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
    }

    @Test
    void findsTheKeyEntryAndTheTrustedCertificates() throws Exception {
        KeyStore keystore = KeyStores.load(server.keystore(), "pkcs12", server.password());
        KeyStore.PrivateKeyEntry entry = KeyStores.firstPrivateKey(keystore, server.password()).orElseThrow();
        assertThat(entry.getCertificateChain()).hasSizeGreaterThanOrEqualTo(1);
        KeyStore truststore = KeyStores.load(server.truststore(), KeyStores.PKCS12, server.password());
        assertThat(KeyStores.firstPrivateKey(truststore, server.password())).isEmpty();
        assertThat(KeyStores.certificates(truststore)).singleElement()
                .satisfies(ca -> assertThat(ca.getSubjectX500Principal().getName()).contains("support test CA"));
        assertThat(KeyStores.certificates(KeyStores.fromPemCertificates(server.caPem())))
                .isEqualTo(KeyStores.certificates(truststore));
    }

    @Test
    void tellsAWrongPasswordFromABrokenFile() throws Exception {
        IOException wrong = catchIo(() -> KeyStores.load(server.keystore(), KeyStores.PKCS12, "wrong".toCharArray()));
        assertThat(KeyStores.isWrongPassword(wrong)).isTrue();
        assertThat(wrong.getMessage()).doesNotContain(new String(server.password()));
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a store");
        IOException broken = catchIo(() -> KeyStores.load(garbage, KeyStores.PKCS12, server.password()));
        assertThat(KeyStores.isWrongPassword(broken)).isFalse();
        assertThatThrownBy(() -> KeyStores.fromPemCertificates(Files.writeString(dir.resolve("empty.pem"), "")))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no certificate");
    }

    @Test
    void mutualTlsUnderTheServerPolicyNegotiatesTls13WithAnAeadSuite() throws Exception {
        SSLContext serverContext = KeyStores.clientContext(
                KeyStores.keyManagers(KeyStores.load(server.keystore(), KeyStores.PKCS12, server.password()),
                        server.password()),
                KeyStores.trustManagers(KeyStores.load(server.truststore(), KeyStores.PKCS12, server.password())));
        SSLContext clientContext = KeyStores.clientContext(
                KeyStores.keyManagers(KeyStores.load(client.keystore(), KeyStores.PKCS12, client.password()),
                        client.password()),
                KeyStores.trustManagers(KeyStores.fromPemCertificates(client.caPem())));
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SSLParameters policy = listener.getSSLParameters();
            policy.setProtocols(ServerTlsPolicy.PROTOCOLS.toArray(String[]::new));
            policy.setCipherSuites(ServerTlsPolicy.CIPHER_SUITES.stream()
                    .filter(Arrays.asList(listener.getSupportedCipherSuites())::contains).toArray(String[]::new));
            policy.setNeedClientAuth(true);
            listener.setSSLParameters(policy);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket peer = (SSLSocket) listener.accept()) {
                    peer.setSoTimeout(10_000);
                    peer.startHandshake();
                    return peer.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(socket.getSession().getCipherSuite()).matches(".*(GCM|CHACHA20_POLY1305).*");
            }
            assertThat(accepted.get(10, TimeUnit.SECONDS)).contains("CN=connect-1");
        }
    }

    @Test
    void thePolicyIsTls12AndUpWithAeadSuitesOnly() {
        assertThat(ServerTlsPolicy.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(ServerTlsPolicy.CIPHER_SUITES).allMatch(s -> s.contains("_GCM_") || s.contains("CHACHA20_POLY1305"))
                .filteredOn(s -> s.startsWith("TLS_ECDHE_")).hasSize(6);
    }

    private interface IoCall {
        void run() throws Exception;
    }

    private static IOException catchIo(IoCall call) throws Exception {
        try {
            call.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }
}
