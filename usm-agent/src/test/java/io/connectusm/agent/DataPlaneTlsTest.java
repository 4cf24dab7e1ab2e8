package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.tls.HandshakeFailureReason;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.testkit.TestPki;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real mTLS handshakes against a real agent, with certificates from certs-tooling, on the JDK's TLS provider
 * ({@code ssl.provider=jdk}); {@link OpenSslDataPlaneTlsTest} runs the same tests on BoringSSL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPlaneTlsTest {

    @TempDir
    static Path root;

    Path dir;

    TestPki pki;
    AgentHarness harness;

    /** The {@code ssl.provider} these tests run on. */
    String provider() {
        return "jdk";
    }

    Map<String, String> config(Path directory) throws IOException {
        Map<String, String> config = AgentHarness.baseConfig(pki, directory, CLUSTER);
        config.put(AgentConfig.SSL_PROVIDER_CONFIG, provider());
        return config;
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createDirectories(root.resolve(provider()));
        pki = TestPki.create(dir.resolve("pki"));
        harness = AgentHarness.start(pki, dir, config(dir));
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void assertRefusedAtHandshake(HttpClient client, String reason) throws Exception {
        double before = harness.metric(failures(reason));
        assertThatThrownBy(() -> harness.post(client, batch(snapshot(CLUSTER, "a", "t")))).isInstanceOf(IOException.class);
        await("handshake failure counted as " + reason).atMost(Duration.ofSeconds(10))
                .until(() -> harness.metricNow(failures(reason)) > Math.max(before, 0));
    }

    private static String failures(String reason) {
        return "usm_agent_tls_handshake_failures_total{reason=\"" + reason + "\"}";
    }

    @Test
    void acceptsAWorkerCertificateNamingItsCluster() throws Exception {
        HttpResponse<String> response = harness.post(harness.client(CLUSTER.connectClusterId()),
                batch(snapshot(CLUSTER, "a", "t"), TestEvents.inventory(CLUSTER, "a")));
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.sslSession()).map(javax.net.ssl.SSLSession::getProtocol).hasValue("TLSv1.3");
        String clusters = harness.control("/v1/clusters").body();
        assertThat(clusters).contains("\"connect_cluster_id\":\"connect-group-xyz\"").contains("\"registered\":true")
                .contains("\"usm_connect_cluster_id\":\"usmcc-connect-group-xyz\"");
    }

    @Test
    void rejectsAClientWithoutCertificate() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, TlsContexts.trustManagers(pki.server().truststore(), pki.server().password()), null);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustOnly).build();
        assertRefusedAtHandshake(client, HandshakeFailureReason.NO_CERTIFICATE);
    }

    @Test
    void rejectsACertificateOfAnotherCa() throws Exception {
        CertificateAuthority otherCa = CertificateAuthority.create(CaSpec.named("other CA"));
        LeafFiles stranger = LeafFiles.write(dir.resolve("stranger"), otherCa.issue(LeafSpec.client(
                CLUSTER.connectClusterId()).build()), otherCa, WriteMode.FAIL_IF_EXISTS);
        // A JDK client only offers certificates of the CAs the server names; present this one regardless, as an
        // attacker would.
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) TlsContexts.keyManagers(stranger.keystore(),
                stranger.password())[0];
        X509ExtendedKeyManager anyIssuer = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, SSLEngine engine) {
                return keys.getClientAliases("EC", null)[0];
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
                return keys.getClientAliases("EC", null)[0];
            }

            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return keys.getClientAliases(keyType, null);
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {anyIssuer},
                TlsContexts.trustManagers(pki.server().truststore(), pki.server().password()), null);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
        assertRefusedAtHandshake(client, HandshakeFailureReason.UNTRUSTED);
    }

    @Test
    void rejectsAnExpiredCertificate() throws Exception {
        assertRefusedAtHandshake(AgentHarness.client(pki.expiredClient(CLUSTER.connectClusterId())),
                HandshakeFailureReason.EXPIRED);
    }

    @Test
    void rejectsACertificateWithoutClientAuthUsage() throws Exception {
        LeafFiles serverOnly = pki.issue("server-only", LeafSpec.server(CLUSTER.connectClusterId()).build());
        assertRefusedAtHandshake(AgentHarness.client(serverOnly), HandshakeFailureReason.BAD_CERTIFICATE);
    }

    @Test
    void rejectsTls11() throws Exception {
        double before = harness.metric(failures(HandshakeFailureReason.PROTOCOL));
        try (Socket socket = new Socket("127.0.0.1", harness.agent.dataPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(tls11ClientHello());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // The agent answers with a TLS alert record (content type 21), never a ServerHello (22).
            assertThat(in.readUnsignedByte()).isEqualTo(21);
        }
        await("TLS 1.1 counted as a protocol failure").atMost(Duration.ofSeconds(10))
                .until(() -> harness.metricNow(failures(HandshakeFailureReason.PROTOCOL)) > Math.max(before, 0));
    }

    @Test
    void sharedIdentityModeAcceptsAnyCertificateOfTheTrustedCa() throws Exception {
        // A certificate for a whole fleet of workers: trusted CA, client usage, but its CN names no cluster.
        LeafFiles fleet = pki.issue("fleet-" + provider(), LeafSpec.client("worker-fleet").build());
        HttpClient client = AgentHarness.client(fleet);
        byte[] body = batch(snapshot(CLUSTER, "fleet", "t"));
        HttpResponse<String> refused = harness.post(client, body);
        assertThat(refused.statusCode()).as("identity.mode=cluster (the default)").isEqualTo(403);
        assertThat(refused.body()).contains("worker-fleet").contains(CLUSTER.connectClusterId());

        Path sharedDir = Files.createDirectories(dir.resolve("shared"));
        Map<String, String> shared = config(sharedDir);
        shared.put(AgentConfig.IDENTITY_MODE_CONFIG, "shared");
        try (AgentHarness sharedAgent = AgentHarness.start(pki, sharedDir, shared)) {
            assertThat(sharedAgent.post(client, body).statusCode()).as("identity.mode=shared").isEqualTo(204);
            assertThat(sharedAgent.metric("usm_agent_events_accepted_total")).isEqualTo(1);
        }
    }

    @Test
    void rejectsEventsForAnotherClusterThanTheCertificateNames() throws Exception {
        HttpResponse<String> response = harness.post(harness.client("connect-group-intruder"),
                batch(snapshot(CLUSTER, "a", "t")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"error_code\":403,").contains("connect-group-intruder");
    }

    /** A minimal TLS 1.1 ClientHello (record and client version 3.2) offering only TLS 1.1-era suites. */
    private static byte[] tls11ClientHello() {
        ByteBuffer hello = ByteBuffer.allocate(512);
        hello.put((byte) 0x03).put((byte) 0x02); // client_version TLS 1.1
        hello.put(new byte[32]); // random
        hello.put((byte) 0); // session id
        short[] suites = {(short) 0xC013, (short) 0xC014, (short) 0x002F, (short) 0x0035}; // ECDHE-RSA/RSA AES-CBC-SHA
        hello.putShort((short) (suites.length * 2));
        for (short suite : suites) {
            hello.putShort(suite);
        }
        hello.put((byte) 1).put((byte) 0); // compression: null
        hello.flip();
        int bodyLength = hello.remaining();
        ByteBuffer record = ByteBuffer.allocate(bodyLength + 9);
        record.put((byte) 22).put((byte) 0x03).put((byte) 0x02).putShort((short) (bodyLength + 4));
        record.put((byte) 1).put((byte) 0).putShort((short) bodyLength);
        record.put(hello);
        return record.array();
    }
}
