package io.connectusm.agent;

import io.connectusm.agent.PrometheusText.Counter;
import io.connectusm.agent.PrometheusText.Gauge;
import io.connectusm.agent.PrometheusText.Histogram;
import java.util.function.DoubleSupplier;

/**
 * Every metric the agent exposes on {@code /metrics}. Counters are updated by the parts that observe the
 * fact; gauges read their source on scrape. Thread-safe; one instance per agent.
 */
final class AgentMetrics {

    /** Rejection reasons, the values of the {@code reason} label of {@link #rejected}. */
    static final String MALFORMED = "malformed";
    static final String UNAUTHORIZED = "unauthorized";
    static final String IDENTITY = "identity";
    static final String UNREGISTERED = "unregistered";
    static final String TOO_LARGE = "too_large";
    static final String SPOOL_FULL = "spool_full";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

    private final PrometheusText.Registry registry = new PrometheusText.Registry();

    final Counter requests = registry.register("usm_agent_requests_total", new Counter("usm_agent_requests_total",
            "POST /v1/events requests received.", null));
    final Counter received = registry.register("usm_agent_events_received_total", new Counter(
            "usm_agent_events_received_total", "Events decoded from valid batches.", null));
    final Counter accepted = registry.register("usm_agent_events_accepted_total", new Counter(
            "usm_agent_events_accepted_total", "Events durable in the spool (answered 204).", null));
    final Counter rejected = registry.register("usm_agent_requests_rejected_total", new Counter(
            "usm_agent_requests_rejected_total", "Requests refused, by reason.", "reason", MALFORMED, UNAUTHORIZED,
            IDENTITY, UNREGISTERED, TOO_LARGE, SPOOL_FULL, UNSUPPORTED_MEDIA_TYPE));
    final Counter deduplicated = registry.register("usm_agent_events_deduplicated_total", new Counter(
            "usm_agent_events_deduplicated_total", "Events not spooled: the same state was already spooled or forwarded.",
            null));
    final Counter coalesced = registry.register("usm_agent_events_coalesced_total", new Counter(
            "usm_agent_events_coalesced_total", "Pending events superseded beyond the per-connector history.", null));
    final Counter forwarded = registry.register("usm_agent_events_forwarded_total", new Counter(
            "usm_agent_events_forwarded_total", "Events the endpoint accepted (2xx).", null));
    final Counter forwardFailures = registry.register("usm_agent_forward_failures_total", new Counter(
            "usm_agent_forward_failures_total", "Failed POSTs to the endpoint, by reason.", "reason"));
    final Counter droppedUnregistered = registry.register("usm_agent_events_dropped_unregistered_total", new Counter(
            "usm_agent_events_dropped_unregistered_total",
            "Spooled events dropped because their cluster was deregistered.", null));
    final Counter spoolDamaged = registry.register("usm_agent_spool_damaged_total", new Counter(
            "usm_agent_spool_damaged_total", "Damaged spool entries (or whole store files) skipped at start.", null));
    final Counter spoolRecovered = registry.register("usm_agent_spool_recovered_total", new Counter(
            "usm_agent_spool_recovered_total", "Starts at which the spool file held less than had been committed "
            + "(truncated or damaged; the store fell back to its last intact state): acknowledged events may be lost "
            + "until the workers' next inventory.", null));
    final Counter handshakeFailures = registry.register("usm_agent_tls_handshake_failures_total", new Counter(
            "usm_agent_tls_handshake_failures_total", "Failed TLS handshakes on the data plane, by reason.", "reason"));
    final Counter tlsReloadFailures = registry.register("usm_agent_tls_reload_failures_total", new Counter(
            "usm_agent_tls_reload_failures_total", "Changed keystore/truststore files that could not be loaded.", null));
    final Counter tlsReloads = registry.register("usm_agent_tls_reloads_total", new Counter(
            "usm_agent_tls_reloads_total", "Keystore/truststore changes taken into use.", null));
    final Counter connectionsClosed = registry.register("usm_agent_connections_closed_total", new Counter(
            "usm_agent_connections_closed_total", "Connections the agent closed, by reason.", "reason"));
    final Counter registrationRefreshFailures = registry.register("usm_agent_registration_refresh_failures_total",
            new Counter("usm_agent_registration_refresh_failures_total",
                    "Failed pulls of registrations or posts of sightings.", null));
    final Histogram forwardLatency = registry.register("usm_agent_forward_latency_seconds", new Histogram(
            "usm_agent_forward_latency_seconds", "Duration of successful POSTs to the endpoint.", 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10));

    /** Registers a gauge read on each scrape. */
    void gauge(String name, String help, DoubleSupplier value) {
        registry.register(name, new Gauge(name, help, value));
    }

    /** The Prometheus text exposition of every metric. */
    String scrape() {
        return registry.scrape();
    }
}
