package io.connectusm.agent.forward;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The forwarder's metrics: events the endpoint took, failed POSTs by reason, and the latency of successful POSTs.
 * Thread-safe; one per agent, registered on the agent's registry.
 */
public final class ForwardMetrics {

    /** The {@code reason} of a POST that got no answer; the others are {@code http_<status>} and {@link #PROTOCOL}. */
    static final String IO = "io";
    /** The {@code reason} of an answer that breaks the {@code usm/v1} contract (a 2xx whose body is not JSON). */
    static final String PROTOCOL = "protocol";

    final Counter forwarded;
    final Counter failures;
    final Histogram latency;

    public ForwardMetrics(PrometheusRegistry registry) {
        forwarded = Counter.builder().name("usm_agent_events_forwarded_total")
                .help("Events the endpoint accepted (2xx).").withoutExemplars().register(registry);
        failures = Counter.builder().name("usm_agent_forward_failures_total")
                .help("Failed POSTs to the endpoint, by reason.").labelNames("reason").withoutExemplars()
                .register(registry);
        // Shows from the start, at 0; the http_<status> reasons appear as they happen.
        failures.initLabelValues(IO);
        latency = Histogram.builder().name("usm_agent_forward_latency_seconds")
                .help("Duration of successful POSTs to the endpoint.").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).withoutExemplars()
                .register(registry);
    }
}
