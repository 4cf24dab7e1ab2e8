package io.connectusm.agent.control;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.TestEvents;
import io.connectusm.agent.registration.Registration;
import io.connectusm.agent.forward.ForwardMetrics;
import io.connectusm.agent.ingest.IngestMetrics;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {

    private final PrometheusRegistry metrics = new PrometheusRegistry();
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
        activity.seen(CLUSTER, TestEvents.scanned(List.of(TestEvents.inventory(CLUSTER, "a", "b"))));
        activity.accepted(CLUSTER, 1);
        assertThat(body(controlPlane.handle("GET", "/v1/clusters"))).isEqualTo("{\"clusters\":[{"
                + "\"kafka_cluster_id\":\"kafka-abc\",\"connect_cluster_id\":\"connect-group-xyz\",\"registered\":true,"
                + "\"usm_connect_cluster_id\":\"usmcc-42\",\"connector_count\":2,\"first_seen\":\"2026-11-20T10:00:00Z\","
                + "\"last_seen\":\"2026-11-20T10:00:00Z\",\"events_accepted\":1,\"events_rejected\":0}]}");
    }

    @Test
    void servesPrometheusTextOfTheAgentAndTheJvmAndRefusesOtherMethodsAndPaths() {
        new IngestMetrics(metrics);
        new ForwardMetrics(metrics);
        Counter.builder().name("test_rejected_total").help("A labelled counter.").labelNames("reason").register(metrics)
                .labelValues("identity").inc();
        Histogram.builder().name("test_latency_seconds").help("A histogram.").classicOnly()
                .classicUpperBounds(0.01, 0.025).register(metrics).observe(0.02);
        ControlPlane.Response scrape = controlPlane.handle("GET", "/metrics");
        assertThat(scrape.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(body(scrape)).contains("# TYPE usm_agent_requests_rejected_total counter")
                .contains("usm_agent_requests_rejected_total{reason=\"unregistered\"} 0.0")
                .contains("# TYPE usm_agent_forward_latency_seconds histogram")
                .contains("usm_agent_forward_latency_seconds_bucket{le=\"0.005\"} 0")
                .contains("usm_agent_forward_latency_seconds_count 0")
                .contains("test_rejected_total{reason=\"identity\"} 1.0")
                .contains("test_latency_seconds_bucket{le=\"0.025\"} 1")
                .contains("test_latency_seconds_bucket{le=\"0.01\"} 0")
                .contains("# TYPE jvm_memory_used_bytes gauge").contains("process_cpu_seconds_total");
        assertThat(controlPlane.handle("POST", "/metrics").status()).isEqualTo(405);
        assertThat(controlPlane.handle("GET", "/v2/anything").status()).isEqualTo(404);
    }
}
