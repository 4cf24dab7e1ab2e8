package io.connectusm.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One connector as the endpoint stores it: state, tasks and the <em>masked</em> configuration, with the keys
 * that were masked and, when the endpoint says so, why each was. Immutable.
 *
 * @param name              the connector name
 * @param connectorClass    its class
 * @param type              {@code source}, {@code sink} or {@code unknown}
 * @param state             e.g. {@code RUNNING}
 * @param workerId          the worker it runs on
 * @param trace             the connector's failure trace (masked), or {@code null}
 * @param tasks             its tasks, by ID
 * @param config            the masked configuration, by key
 * @param maskedKeys        every masked key, mapped to the reason the endpoint gives, or to {@code null} when it
 *                          gives none (its API names the keys only today)
 * @param configFingerprint a fingerprint of the masked configuration
 * @param lastChange        the time of its latest change, or {@code null}
 * @param topics            its active topics, sorted; {@code null} when unknown (no worker reported them)
 */
public record Connector(String name, String connectorClass, String type, String state, String workerId, String trace,
                        List<Task> tasks, SortedMap<String, String> config, Map<String, String> maskedKeys,
                        String configFingerprint, Instant lastChange, List<String> topics) {

    public Connector {
        tasks = List.copyOf(tasks);
        config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        maskedKeys = Collections.unmodifiableMap(new LinkedHashMap<>(maskedKeys));
        topics = topics == null ? null : List.copyOf(topics);
    }

    /** Whether {@code key}'s value was masked before it left the worker. */
    public boolean isMasked(String key) {
        return maskedKeys.containsKey(key);
    }

    /** Why {@code key} was masked, when the endpoint says. */
    public Optional<String> maskReason(String key) {
        return Optional.ofNullable(maskedKeys.get(key));
    }

    /**
     * One task.
     *
     * @param id       the task number
     * @param state    e.g. {@code RUNNING}
     * @param workerId the worker it runs on
     * @param trace    its failure trace (masked), or {@code null}
     */
    public record Task(int id, String state, String workerId, String trace) {
    }
}
