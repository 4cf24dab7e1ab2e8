package io.connectusm.endpoint.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.connectusm.endpoint.api.IngestObserver;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.FleetAggregates;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Every metric of one endpoint replica in one registry: the fleet's state from the store ({@link FleetCollector}),
 * this replica's counters (events applied and ignored, batches refused by reason, webhook deliveries by outcome),
 * and the JVM's metrics ({@code jvm_*}, {@code process_*}) of the Prometheus Java client.
 *
 * <p>The counters count what this replica did: sum them over replicas ({@code sum without (instance)}). The JVM
 * collectors live in one registry per process, registered once (they add listeners to the JVM), and are read
 * through each replica's registry. Thread-safe; lifecycle: built once, registered for good.
 */
public final class EndpointMetrics implements IngestObserver {

    /** Outcomes of a webhook delivery attempt, the {@code outcome} label of {@link #webhookDeliveries}. */
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DROPPED = "dropped";

    /** The reasons a batch is refused that show at 0 from the start (others appear when first seen). */
    private static final String[] KNOWN_REASONS = {"bad_request", "cluster_not_registered", "outside_key_scope",
        "payload_too_large"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter applied;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter webhookDeliveries;

    /**
     * @param maxConnectorSeries most per-connector series (4 per connector; see {@link FleetCollector})
     * @param cacheFor           how long the fleet's figures are reused between scrapes
     */
    public EndpointMetrics(FleetAggregates fleet, Duration cacheFor, int maxConnectorSeries, Clock clock) {
        registry.register(new FleetCollector(fleet, cacheFor, maxConnectorSeries, clock));
        applied = Counter.builder().name("usm_endpoint_events_applied_total")
                .help("Events that changed a connector's stored state (this replica).").withoutExemplars()
                .register(registry);
        ignored = Counter.builder().name("usm_endpoint_events_ignored_total")
                .help("Events accepted that changed nothing: duplicates, stale, unchanged resyncs (this replica).")
                .withoutExemplars().register(registry);
        rejected = Counter.builder().name("usm_endpoint_event_batches_rejected_total")
                .help("Event batches refused, by the error code of the refusal (this replica).").labelNames("reason")
                .withoutExemplars().register(registry);
        for (String reason : KNOWN_REASONS) {
            rejected.initLabelValues(reason);
        }
        webhookDeliveries = Counter.builder().name("usm_endpoint_webhook_deliveries_total")
                .help("Webhook delivery attempts by webhook and outcome (this replica).")
                .labelNames("webhook", "outcome").withoutExemplars().register(registry);
        registry.register((MultiCollector) JvmRegistry.INSTANCE::scrape);
    }

    /** Counts every committed batch's applied and ignored events ({@link ConnectorStore.Hooks#applied()}). */
    public Consumer<ConnectorStore.ApplyResult> appliedBatches() {
        return result -> {
            applied.inc(result.applied());
            ignored.inc(result.ignored());
        };
    }

    @Override
    public void rejected(String reason) {
        rejected.labelValues(reason).inc();
    }

    /** Prepares a webhook's series at 0, so rates work before its first delivery. */
    public void webhookConfigured(String webhook) {
        for (String outcome : new String[] {DELIVERED, FAILED, DROPPED}) {
            webhookDeliveries.initLabelValues(webhook, outcome);
        }
    }

    /** Counts one delivery attempt of {@code webhook} (a configured name, so the label set stays bounded). */
    public void webhookDelivery(String webhook, String outcome) {
        webhookDeliveries.labelValues(webhook, outcome).inc();
    }

    /**
     * Serves a counter kept elsewhere (e.g. the ingest scrub's counts by kind) as {@code name}, one series per
     * entry of {@code values} under {@code label}; read at each scrape. The label values must be a bounded set.
     */
    public void counterFromCallback(String name, String help, String label,
                                    Supplier<Map<String, Long>> values) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(callback -> values.get().forEach((value, count) -> callback.call(count, value)))
                .register(registry);
    }

    /** The registry to serve. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The process-wide registry of JVM metrics, created on first use. */
    private static final class JvmRegistry {
        static final PrometheusRegistry INSTANCE = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(INSTANCE);
        }
    }
}
