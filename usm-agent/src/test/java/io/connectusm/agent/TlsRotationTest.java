package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import io.connectusm.testkit.TestPki;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New keystore/truststore files serve new connections without a restart; broken ones keep the last good. */
class TlsRotationTest {

    @TempDir
    Path dir;

    @Test
    void rotatedFilesServeNewConnectionsAndBrokenFilesKeepTheLastGoodOnes() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Map<String, String> config = AgentHarness.baseConfig(pki, dir, CLUSTER);
        config.put(AgentConfig.SSL_RELOAD_INTERVAL_CONFIG, "200");
        try (AgentHarness harness = AgentHarness.start(pki, dir, config)) {
            LeafFiles oldClient = pki.client(CLUSTER.connectClusterId());
            assertThat(accepts(harness, oldClient)).isTrue();

            // A new CA: new server certificate, truststore and password file, written over the old ones.
            CertificateAuthority newCa = CertificateAuthority.create(CaSpec.named("rotated CA"));
            LeafFiles.write(pki.server().directory(), newCa.issue(LeafSpec.server("localhost").dns("localhost")
                    .ip("127.0.0.1").build()), newCa, WriteMode.OVERWRITE);
            LeafFiles newClient = LeafFiles.write(dir.resolve("new-client"), newCa.issue(LeafSpec.client(
                    CLUSTER.connectClusterId()).build()), newCa, WriteMode.FAIL_IF_EXISTS);
            await("new connections use the rotated files").atMost(Duration.ofSeconds(30))
                    .until(() -> accepts(harness, newClient));
            assertThat(accepts(harness, oldClient)).as("the old CA is no longer trusted").isFalse();
            assertThat(harness.metric("usm_agent_tls_reload_error")).isZero();

            double failuresBefore = harness.metric("usm_agent_tls_reload_failures_total");
            Files.write(pki.server().keystore(), "not a keystore".getBytes());
            await("broken files reported").atMost(Duration.ofSeconds(30))
                    .until(() -> harness.metricNow("usm_agent_tls_reload_failures_total") > failuresBefore
                            && harness.metricNow("usm_agent_tls_reload_error") == 1);
            assertThat(accepts(harness, newClient)).as("the last good files still serve").isTrue();
        }
    }

    /** Whether a new connection presenting {@code client} gets its batch accepted. */
    private static boolean accepts(AgentHarness harness, LeafFiles client) {
        HttpClient fresh = AgentHarness.client(client);
        try {
            return harness.post(fresh, batch(snapshot(CLUSTER, "rot", "t-" + System.nanoTime()))).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
