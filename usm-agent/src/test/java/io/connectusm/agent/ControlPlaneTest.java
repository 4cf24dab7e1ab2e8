package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {

    private final AgentMetrics metrics = new AgentMetrics();
    private final RegistrationMap registrations = new RegistrationMap();
    private final ClusterActivity activity = new ClusterActivity(Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"),
            ZoneOffset.UTC));
    private final AtomicBoolean spoolWritable = new AtomicBoolean(true);
    private final ControlPlane controlPlane = new ControlPlane(metrics, activity, registrations, spoolWritable::get);

    private static String body(ControlPlane.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readinessNeedsAWritableSpoolAndLoadedRegistrations() {
        assertThat(controlPlane.handle("GET", "/healthz").status()).isEqualTo(200);
        ControlPlane.Response notReady = controlPlane.handle("GET", "/readyz");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(body(notReady)).contains("\"registrations_loaded\":false");
        registrations.markLoaded();
        assertThat(controlPlane.handle("GET", "/readyz").status()).isEqualTo(200);
        spoolWritable.set(false);
        assertThat(body(controlPlane.handle("GET", "/readyz"))).contains("\"spool_writable\":false");
    }

    @Test
    void listsClustersSeenWithTheirRegistration() {
        registrations.replaceStatic(List.of(new Registration(CLUSTER, "usmcc-42", null, null, null)));
        activity.seen(CLUSTER, List.of(TestEvents.inventory(CLUSTER, "a", "b")));
        activity.accepted(CLUSTER, 1);
        assertThat(body(controlPlane.handle("GET", "/v1/clusters"))).isEqualTo("{\"clusters\":[{"
                + "\"kafka_cluster_id\":\"kafka-abc\",\"connect_cluster_id\":\"connect-group-xyz\",\"registered\":true,"
                + "\"usm_connect_cluster_id\":\"usmcc-42\",\"connector_count\":2,\"first_seen\":\"2026-11-20T10:00:00Z\","
                + "\"last_seen\":\"2026-11-20T10:00:00Z\",\"events_accepted\":1,\"events_rejected\":0}]}");
    }

    @Test
    void servesPrometheusTextAndRefusesOtherMethodsAndPaths() {
        metrics.rejected.inc(AgentMetrics.IDENTITY);
        metrics.forwardLatency.observe(0.02);
        ControlPlane.Response scrape = controlPlane.handle("GET", "/metrics");
        assertThat(scrape.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(body(scrape)).contains("# TYPE usm_agent_requests_rejected_total counter")
                .contains("usm_agent_requests_rejected_total{reason=\"identity\"} 1")
                .contains("usm_agent_forward_latency_seconds_bucket{le=\"0.025\"} 1")
                .contains("usm_agent_forward_latency_seconds_bucket{le=\"0.01\"} 0")
                .contains("usm_agent_forward_latency_seconds_count 1");
        assertThat(controlPlane.handle("POST", "/metrics").status()).isEqualTo(405);
        assertThat(controlPlane.handle("GET", "/v2/anything").status()).isEqualTo(404);
    }
}
