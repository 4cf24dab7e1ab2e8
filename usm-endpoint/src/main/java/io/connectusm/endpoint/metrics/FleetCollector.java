package io.connectusm.endpoint.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.store.FleetAggregates;
import io.connectusm.endpoint.store.FleetAggregates.ClusterFigures;
import io.connectusm.endpoint.store.FleetAggregates.ConnectorFigures;
import io.connectusm.endpoint.store.FleetAggregates.StateCount;
import io.connectusm.events.ConnectorState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's metrics, computed from the store ({@link FleetAggregates}) at most once per {@code cacheFor}: a scrape
 * within it gets the cached snapshot, so many scrapers (or a fast one) cost one set of queries per interval.
 *
 * <p>Series: per Connect cluster {@value #CLUSTER_INFO} (1, with its local IDs and name),
 * {@value #CLUSTER_CONNECTORS} for every state (0 included), {@value #CLUSTER_LAST_REPORT} and
 * {@value #CLUSTER_REPORT_AGE} (once it reported); per connector {@value #CONNECTOR_STATE} (1 for its current state
 * only) and {@value #CONNECTOR_TASKS} for RUNNING, FAILED and OTHER: 4 series per connector. The per-connector
 * series stop at {@code maxConnectorSeries} (whole connectors, in environment, cluster, name order); the connectors
 * left out are counted by {@value #OMITTED}, and the per-cluster counts stay complete. Labels hold IDs, names and
 * states only: never a config value or a trace.
 *
 * <p>Thread-safe: a scrape that finds the cache expired recomputes it while other scrapes wait for it.
 */
final class FleetCollector implements MultiCollector {

    static final String CONNECTOR_STATE = "usm_connector_state";
    static final String CONNECTOR_TASKS = "usm_connector_tasks";
    static final String CLUSTER_CONNECTORS = "usm_connect_cluster_connectors";
    static final String CLUSTER_INFO = "usm_connect_cluster_info";
    static final String CLUSTER_LAST_REPORT = "usm_connect_cluster_last_report_timestamp_seconds";
    static final String CLUSTER_REPORT_AGE = "usm_connect_cluster_last_report_age_seconds";
    static final String OMITTED = "usm_metrics_connectors_omitted";
    static final int SERIES_PER_CONNECTOR = 4;

    private static final Logger log = LoggerFactory.getLogger(FleetCollector.class);

    private final FleetAggregates store;
    private final Duration cacheFor;
    private final int maxConnectorSeries;
    private final Clock clock;
    private Instant computedAt;
    private Fleet cached;

    FleetCollector(FleetAggregates store, Duration cacheFor, int maxConnectorSeries, Clock clock) {
        this.store = store;
        this.cacheFor = cacheFor;
        this.maxConnectorSeries = maxConnectorSeries;
        this.clock = clock;
    }

    /** What one computation read. */
    private record Fleet(List<ClusterFigures> clusters, List<StateCount> states, List<ConnectorFigures> connectors,
                         long omitted) {
    }

    @Override
    public MetricSnapshots collect() {
        Fleet fleet;
        try {
            fleet = fleet();
        } catch (RuntimeException e) {
            // A scrape with the fleet's series missing, not a failed scrape: the JVM and counter series still tell.
            log.warn("cannot compute the fleet metrics from the store: {}", e.toString());
            return new MetricSnapshots();
        }
        Instant now = clock.instant();
        List<MetricSnapshot> out = new ArrayList<>();
        Map<String, String> environments = new HashMap<>();
        GaugeSnapshot.Builder info = gauge(CLUSTER_INFO, "A registered Connect cluster: its local IDs and name (1).");
        GaugeSnapshot.Builder last = gauge(CLUSTER_LAST_REPORT,
                "When the endpoint last applied a batch of the cluster's events (Unix time, seconds).");
        GaugeSnapshot.Builder age = gauge(CLUSTER_REPORT_AGE,
                "Seconds since the endpoint last applied a batch of the cluster's events.");
        for (ClusterFigures c : fleet.clusters()) {
            environments.put(c.id(), c.environment());
            info.dataPoint(point(1, Labels.of("environment", c.environment(), "connect_cluster", c.id(),
                    "cp_connect_cluster_id", c.cpConnectClusterId(), "cp_kafka_cluster_id", c.cpKafkaClusterId(),
                    "name", c.name())));
            if (c.lastReport() != null) {
                Labels labels = Labels.of("environment", c.environment(), "connect_cluster", c.id());
                last.dataPoint(point(c.lastReport().toEpochMilli() / 1000.0, labels));
                age.dataPoint(point(Math.max(0, Duration.between(c.lastReport(), now).toMillis() / 1000.0), labels));
            }
        }
        out.add(info.build());
        out.add(last.build());
        out.add(age.build());
        out.add(connectorsByState(fleet, environments));
        GaugeSnapshot.Builder state = gauge(CONNECTOR_STATE, "A connector's current state (1; one series per connector).");
        GaugeSnapshot.Builder tasks = gauge(CONNECTOR_TASKS,
                "A connector's tasks by state: RUNNING, FAILED, and OTHER (every other state).");
        for (ConnectorFigures c : fleet.connectors()) {
            state.dataPoint(point(1, Labels.of("environment", c.environment(), "connect_cluster", c.connectCluster(),
                    "connector", c.name(), "state", c.state() == null ? "UNKNOWN" : c.state())));
            int other = Math.max(0, c.tasksTotal() - c.tasksRunning() - c.tasksFailed());
            tasks.dataPoint(taskPoint(c, "RUNNING", c.tasksRunning()));
            tasks.dataPoint(taskPoint(c, "FAILED", c.tasksFailed()));
            tasks.dataPoint(taskPoint(c, "OTHER", other));
        }
        out.add(state.build());
        out.add(tasks.build());
        out.add(gauge(OMITTED, "Live connectors left out of the per-connector series by metrics.connector.series.max.")
                .dataPoint(point(fleet.omitted(), Labels.EMPTY)).build());
        return new MetricSnapshots(out);
    }

    private static MetricSnapshot connectorsByState(Fleet fleet, Map<String, String> environments) {
        Map<String, Map<String, Long>> byCluster = new HashMap<>();
        for (ClusterFigures c : fleet.clusters()) {
            Map<String, Long> zero = new HashMap<>();
            for (ConnectorState s : ConnectorState.values()) {
                zero.put(s.name(), 0L);
            }
            byCluster.put(c.id(), zero);
        }
        for (StateCount count : fleet.states()) {
            byCluster.computeIfAbsent(count.connectCluster(), k -> new HashMap<>())
                    .merge(count.state() == null ? "UNKNOWN" : count.state(), count.connectors(), Long::sum);
        }
        GaugeSnapshot.Builder gauge = gauge(CLUSTER_CONNECTORS, "Live connectors of a Connect cluster, by state.");
        byCluster.forEach((cc, states) -> states.forEach((s, n) -> gauge.dataPoint(point(n, Labels.of(
                "environment", environments.getOrDefault(cc, ""), "connect_cluster", cc, "state", s)))));
        return gauge.build();
    }

    private static GaugeDataPointSnapshot taskPoint(ConnectorFigures c, String state, int value) {
        return point(value, Labels.of("environment", c.environment(), "connect_cluster", c.connectCluster(),
                "connector", c.name(), "state", state));
    }

    private synchronized Fleet fleet() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(computedAt.plus(cacheFor))) {
            int connectorLimit = maxConnectorSeries / SERIES_PER_CONNECTOR;
            List<ConnectorFigures> connectors = store.connectors(connectorLimit);
            long omitted = connectors.size() < connectorLimit ? 0 : store.liveConnectors() - connectors.size();
            cached = new Fleet(store.clusters(), store.connectorsByState(), connectors, Math.max(0, omitted));
            computedAt = now;
        }
        return cached;
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }
}
