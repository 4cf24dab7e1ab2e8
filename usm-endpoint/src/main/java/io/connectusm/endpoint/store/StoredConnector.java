package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * The latest known state of one connector of a registered Connect cluster, as stored. The config is the
 * masked one received from the agent. {@code disagreement} is {@code null} unless workers keep reporting it
 * differently (see {@link Disagreement}). Immutable.
 */
public record StoredConnector(String name, String connectorClass, String connectorType, String state, String workerId,
                       String trace, List<TaskSnapshot> tasks, SortedMap<String, String> config,
                       SortedSet<String> maskedKeys, String configFingerprint, Instant lastChange,
                       Disagreement disagreement) {

    /** A connector all workers agree on. */
    public StoredConnector(String name, String connectorClass, String connectorType, String state, String workerId,
                           String trace, List<TaskSnapshot> tasks, SortedMap<String, String> config,
                           SortedSet<String> maskedKeys, String configFingerprint, Instant lastChange) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys, configFingerprint,
                lastChange, null);
    }

    /** This state with {@code d} as its disagreement. */
    StoredConnector withDisagreement(Disagreement d) {
        return new StoredConnector(name, connectorClass, connectorType, state, workerId, trace, tasks, config,
                maskedKeys, configFingerprint, lastChange, d);
    }

    public long tasksRunning() {
        return tasks.stream().filter(t -> t.state() == ConnectorState.RUNNING).count();
    }

    /** Whether the connector or any task carries a failure trace. */
    public boolean tracePresent() {
        return trace != null || tasks.stream().anyMatch(t -> t.trace() != null);
    }
}
