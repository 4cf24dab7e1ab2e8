package io.connectusm.benchmarks.ingest;

import io.connectusm.benchmarks.BenchAgents;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.events.ClusterRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What every target of one harness run shares: one certs-tooling CA, the server certificate for {@code localhost},
 * one worker certificate whose CN is the Connect cluster ID (the agent's default {@code identity.mode=cluster}), a
 * static registrations file naming that cluster, and the agent configuration built from them. The baseline server
 * takes its TLS context from the same configuration, so both sides of an A/B pair run the same mTLS.
 * Immutable after construction.
 */
final class Fixture {

    static final ClusterRef CLUSTER = new ClusterRef("4k0R9d1GTS5tI9f4Y2xZ0Q", "connect-bench");

    private final LeafFiles server;
    private final LeafFiles client;
    private final Path registrations;
    private final String provider;

    Fixture(Path root, String provider) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("bench CA"));
        this.server = LeafFiles.write(root.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        this.client = LeafFiles.write(root.resolve("client"), ca.issue(LeafSpec.client(CLUSTER.connectClusterId())
                .build()), ca, WriteMode.FAIL_IF_EXISTS);
        this.registrations = root.resolve("registrations.json");
        Files.writeString(registrations, "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectClusterList\","
                + "\"metadata\":{\"total_size\":1},\"data\":[{\"api_version\":\"usm/v1\",\"kind\":\"ConnectCluster\","
                + "\"id\":\"usmcc-bench\",\"confluent_platform_connect_cluster_id\":\"" + CLUSTER.connectClusterId()
                + "\",\"kafka_cluster_id\":\"" + CLUSTER.kafkaClusterId() + "\",\"usm_kafka_cluster_id\":\"usmkc-bench\","
                + "\"display_name\":\"bench\",\"environment\":{\"id\":\"env-bench\"}}]}");
        this.provider = provider;
    }

    /** The agent's configuration with its spool in {@code spoolDir}; no endpoint, so nothing is forwarded. */
    Map<String, String> agentConfig(Path spoolDir) {
        return BenchAgents.config(server, spoolDir, registrations, provider);
    }

    /** The worker's TLS context: its certificate and the CA. */
    SSLContext clientTls() {
        return TlsContexts.sslContext(client.directory());
    }
}
