package io.connectusm.agent.tls;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metrics of the data plane's TLS: handshake failures by reason, rotations taken and refused, and whether the
 * files on disk are currently broken. Thread-safe; one per agent, registered on the agent's registry.
 */
public final class TlsMetrics {

    private final PrometheusRegistry registry;

    final Counter handshakeFailures;
    final Counter reloads;
    final Counter reloadFailures;

    public TlsMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        handshakeFailures = Counter.builder().name("usm_agent_tls_handshake_failures_total")
                .help("Failed TLS handshakes on the data plane, by reason.").labelNames("reason").withoutExemplars()
                .register(registry);
        // Every reason shows from the start, at 0: a rate needs the series before the first failure.
        for (String reason : HandshakeFailureReason.ALL) {
            handshakeFailures.initLabelValues(reason);
        }
        reloadFailures = Counter.builder().name("usm_agent_tls_reload_failures_total")
                .help("Changed keystore/truststore files that could not be loaded.").withoutExemplars()
                .register(registry);
        reloads = Counter.builder().name("usm_agent_tls_reloads_total")
                .help("Keystore/truststore changes taken into use.").withoutExemplars().register(registry);
    }

    /** Registers the gauge that reads {@code context}'s reload state on each scrape; once per agent. */
    public void observe(ReloadingSslContext context) {
        GaugeWithCallback.builder().name("usm_agent_tls_reload_error")
                .help("1 while changed TLS files cannot be loaded, else 0.")
                .callback(gauge -> gauge.call(context.lastReloadFailed() ? 1 : 0)).register(registry);
    }
}
