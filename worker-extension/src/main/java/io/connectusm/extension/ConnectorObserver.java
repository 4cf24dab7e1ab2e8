package io.connectusm.extension;

import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.extension.masking.ConnectorMasking;
import io.connectusm.extension.masking.MaskedConnectorConfig;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.health.AbstractState;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one connector (health, tasks and raw config) from the worker's {@link ConnectClusterState} and masks
 * its config. Every worker's cluster state covers the whole Connect cluster.
 *
 * <p>What each call costs the worker (Kafka 3.9 to 4.4, {@code ConnectClusterStateImpl}): {@link #connectorNames()}
 * and {@link #readConfig(String)} are requests queued to the herder's tick thread, which serves them between its own
 * work (and Connect's REST calls wait in the same queue); a config read also copies the herder's whole config
 * snapshot ({@code KafkaConfigBackingStore.snapshot()}: every connector's config, target state and task configs),
 * so it allocates in proportion to the number of connectors. {@link #observe} reads the status store and the
 * herder's current config state on the calling thread, never waiting for the tick thread.
 * {@link #herderRequests()} counts the requests made.
 *
 * <p>The calls block until the herder answers, so this runs only on the emitter's threads. Thread-safe.
 */
final class ConnectorObserver {

    private static final Logger log = LoggerFactory.getLogger(ConnectorObserver.class);

    private final ConnectClusterState clusterState;
    private final ConnectorMasking masking;
    private final AtomicLong herderRequests = new AtomicLong();
    private final ActiveTopics topics;

    ConnectorObserver(ConnectClusterState clusterState, ConnectorMasking masking) {
        this(clusterState, masking, null);
    }

    /** @param topics the active topics the feed keeps, or {@code null} when they are unknown (no snapshot has any) */
    ConnectorObserver(ConnectClusterState clusterState, ConnectorMasking masking, ActiveTopics topics) {
        this.clusterState = clusterState;
        this.masking = masking;
        this.topics = topics;
    }

    /** The Kafka cluster ID of the worker's internal topics; blocks until the herder is ready. */
    String kafkaClusterId() {
        return clusterState.clusterDetails().kafkaClusterId();
    }

    Collection<String> connectorNames() {
        herderRequests.incrementAndGet();
        log.trace("Herder request: the connector list");
        return clusterState.connectors();
    }

    /** How many requests to the herder's tick thread this observer has made so far. */
    long herderRequests() {
        return herderRequests.get();
    }

    /**
     * The connector's masked config, or empty when it does not exist (any more). Waits for the herder's tick
     * thread: call it off the path of anything urgent.
     */
    Optional<ConnectorConfigView> readConfig(String name) {
        Map<String, String> raw;
        try {
            herderRequests.incrementAndGet();
            log.trace("Herder request: the config of connector {}", name);
            raw = clusterState.connectorConfig(name);
        } catch (RuntimeException e) {
            return notFoundOrThrow(name, e);
        }
        return Optional.of(configView(raw));
    }

    /** Masks a raw connector config (as stored by the worker, or as a REST call wrote it). No I/O. */
    ConnectorConfigView configView(Map<String, String> raw) {
        MaskedConnectorConfig masked = masking.mask(raw);
        // connector.class as masked: free text like any other value
        return new ConnectorConfigView(masked.config().get("connector.class"), masked,
                ConfigFingerprint.of(masked.config()));
    }

    /**
     * The connector's current state with {@code config}, or empty when it does not exist (any more). Reads the
     * status store only, which does not wait for the herder's tick thread.
     */
    Optional<ObservedConnector> observe(String name, ConnectorConfigView config) {
        try {
            ConnectorHealth health = clusterState.connectorHealth(name);
            List<TaskSnapshot> tasks = new ArrayList<>();
            new TreeMap<>(health.tasksState()).forEach((id, task) ->
                    tasks.add(new TaskSnapshot(id, state(task), task.workerId(), trace(config, task))));
            return Optional.of(new ObservedConnector(name, type(health), state(health.connectorState()),
                    health.connectorState().workerId(), trace(config, health.connectorState()), tasks, config,
                    topics == null ? null : topics.of(name)));
        } catch (RuntimeException e) {
            return notFoundOrThrow(name, e);
        }
    }

    private <T> Optional<T> notFoundOrThrow(String name, RuntimeException e) {
        // The herder reports a connector deleted between two calls in more than one way: trust its list.
        if (isNotFound(e) || !connectorNames().contains(name)) {
            return Optional.empty();
        }
        throw e;
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static ConnectorType type(ConnectorHealth health) {
        if (health.type() == null) {
            return ConnectorType.UNKNOWN;
        }
        switch (health.type()) {
            case SOURCE:
                return ConnectorType.SOURCE;
            case SINK:
                return ConnectorType.SINK;
            default:
                return ConnectorType.UNKNOWN;
        }
    }

    private static ConnectorState state(AbstractState state) {
        try {
            return ConnectorState.valueOf(state.state().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            // A state a newer worker may add: report it as not running anywhere rather than fail the snapshot.
            return ConnectorState.UNASSIGNED;
        }
    }

    /** The trace as it may leave: scrubbed, summarised or dropped with {@code config}'s masking (trace.mode). */
    private static String trace(ConnectorConfigView config, AbstractState state) {
        return config.masked().trace(state.traceMessage());
    }
}
