package io.connectusm.agent;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLContext;

/**
 * Real certificates from certs-tooling for the agent's tests: one CA, the agent's server certificate, and
 * client certificates named like certs-tooling issues them for workers.
 */
final class TestPki {

    final Path root;
    final CertificateAuthority ca;
    final LeafFiles server;

    TestPki(Path root) {
        this.root = root;
        this.ca = CertificateAuthority.create(CaSpec.named("test CA"));
        this.server = LeafFiles.write(root.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca, WriteMode.FAIL_IF_EXISTS);
    }

    private final java.util.Map<String, LeafFiles> clients = new java.util.concurrent.ConcurrentHashMap<>();

    /** A worker certificate whose CN is {@code connectClusterId} (issued once, then reused). */
    LeafFiles client(String connectClusterId) {
        return clients.computeIfAbsent(connectClusterId, id -> write("client-" + id, LeafSpec.client(id).build()));
    }

    LeafFiles write(String name, LeafSpec spec) {
        return LeafFiles.write(root.resolve(name), ca.issue(spec), ca, WriteMode.FAIL_IF_EXISTS);
    }

    /** An expired worker certificate. */
    LeafFiles expiredClient(String connectClusterId) {
        Instant now = Instant.now();
        return write("expired-" + connectClusterId, LeafSpec.client(connectClusterId)
                .validity(now.minus(10, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).build());
    }

    /** A client-side TLS context presenting {@code files} and trusting this CA. */
    static SSLContext sslContext(LeafFiles files) {
        return TlsContexts.sslContext(files.directory());
    }

    /** The agent's TLS keys, with passwords as {@code ${file:…}} references as a deployment would write them. */
    java.util.Map<String, String> agentTlsConfig() {
        String password = "${file:" + server.passwordFile() + ":jksPassword}";
        return java.util.Map.of(
                AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString(),
                AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password,
                AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString(),
                AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
    }
}
