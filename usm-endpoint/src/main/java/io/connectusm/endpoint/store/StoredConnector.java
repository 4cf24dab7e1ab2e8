package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * The latest known state of one connector of a registered Connect cluster, as stored. The config is the
 * masked one received from the agent, scrubbed again on ingest. Immutable.
 *
 * @param maskReasons  why each changed config value changed, key → code ({@code type}, {@code name},
 *                     {@code pattern}, {@code policy}, {@code shape}: masked whole; {@code url}: a credential cut
 *                     out), as the emitter gave them plus what the endpoint's ingest scrub found; empty when none
 * @param traceMode    how the emitter treated the traces ({@code SCRUBBED}, {@code SUMMARY}, {@code NONE}), or
 *                     {@code null} when it did not say (an older plugin)
 * @param disagreement {@code null} unless workers keep reporting the connector differently (see
 *                     {@link Disagreement})
 */
public record StoredConnector(String name, String connectorClass, String connectorType, String state, String workerId,
                       String trace, List<TaskSnapshot> tasks, SortedMap<String, String> config,
                       SortedSet<String> maskedKeys, String configFingerprint, Instant lastChange,
                       SortedMap<String, String> maskReasons, String traceMode, Disagreement disagreement) {

    public StoredConnector {
        maskReasons = maskReasons == null ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(maskReasons));
    }

    /** A connector all workers agree on. */
    public StoredConnector(String name, String connectorClass, String connectorType, String state, String workerId,
                           String trace, List<TaskSnapshot> tasks, SortedMap<String, String> config,
                           SortedSet<String> maskedKeys, String configFingerprint, Instant lastChange,
                           SortedMap<String, String> maskReasons, String traceMode) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys,
                configFingerprint, lastChange, maskReasons, traceMode, null);
    }

    /** A connector stored without mask reasons or trace mode (as before version 9 of the schema). */
    public StoredConnector(String name, String connectorClass, String connectorType, String state, String workerId,
                           String trace, List<TaskSnapshot> tasks, SortedMap<String, String> config,
                           SortedSet<String> maskedKeys, String configFingerprint, Instant lastChange) {
        this(name, connectorClass, connectorType, state, workerId, trace, tasks, config, maskedKeys,
                configFingerprint, lastChange, null, null, null);
    }

    /** This state with {@code d} as its disagreement. */
    StoredConnector withDisagreement(Disagreement d) {
        return new StoredConnector(name, connectorClass, connectorType, state, workerId, trace, tasks, config,
                maskedKeys, configFingerprint, lastChange, maskReasons, traceMode, d);
    }

    public long tasksRunning() {
        return tasks.stream().filter(t -> t.state() == ConnectorState.RUNNING).count();
    }

    /** Whether the connector or any task carries a failure trace. */
    public boolean tracePresent() {
        return trace != null || tasks.stream().anyMatch(t -> t.trace() != null);
    }

    /** Why {@code key}'s value was masked or changed (a code), or {@code null} when the store knows no reason. */
    public String maskReason(String key) {
        return maskReasons.get(key);
    }
}
