package io.connectusm.agent.spool;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.DoubleSupplier;

/**
 * The spool's metrics: what it deduplicated, coalesced, dropped for deregistered clusters, found damaged or rolled
 * back, and, read on each scrape, what it holds. Thread-safe; one per agent, registered on the agent's registry.
 */
public final class SpoolMetrics {

    private final PrometheusRegistry registry;

    final Counter deduplicated;
    final Counter coalesced;
    final Counter droppedUnregistered;
    final Counter damaged;
    final Counter recovered;

    public SpoolMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        deduplicated = counter("usm_agent_events_deduplicated_total",
                "Events not spooled: the same state was already spooled or forwarded.");
        coalesced = counter("usm_agent_events_coalesced_total",
                "Pending events superseded beyond the per-connector history.");
        droppedUnregistered = counter("usm_agent_events_dropped_unregistered_total",
                "Spooled events dropped because their cluster was deregistered.");
        damaged = counter("usm_agent_spool_damaged_total",
                "Damaged spool entries (or log segments, or whole store files) skipped at start.");
        recovered = counter("usm_agent_spool_recovered_total", "Starts at which the spool's log held less than had "
                + "been committed (a truncated or damaged segment, cut at its last intact record): acknowledged "
                + "events may be lost until the workers' next inventory.");
    }

    /** Registers the gauges that read {@code spool} on each scrape; once per agent. */
    public void observe(Spool spool) {
        gauge("usm_agent_spool_entries", "Spool keys (cluster, connector) with pending events.", spool::pendingKeys);
        gauge("usm_agent_spool_events", "Pending events in the spool.", spool::pendingEvents);
        gauge("usm_agent_spool_bytes", "Encoded bytes of pending events in the spool.", spool::pendingBytes);
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).withoutExemplars().register(registry);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(gauge -> gauge.call(value.getAsDouble()))
                .register(registry);
    }
}
