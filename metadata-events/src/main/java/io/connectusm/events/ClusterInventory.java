package io.connectusm.events;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every connector of one Connect cluster at one instant, each with the fingerprint of its masked config.
 * A receiver that compares it with what it holds learns what it missed (unknown fingerprint: ask for or
 * wait for a snapshot) and what was deleted while it was away (absent here). Travels without a
 * {@code subject}. Immutable and thread-safe.
 *
 * @param connectors connector name (not empty) to {@link ConfigFingerprint} (well-formed)
 */
public record ClusterInventory(SortedMap<String, String> connectors) implements EventPayload {

    public ClusterInventory {
        connectors = Collections.unmodifiableSortedMap(new TreeMap<>(connectors));
        for (Map.Entry<String, String> entry : connectors.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw new IllegalArgumentException("a connector name must not be empty");
            }
            if (!ConfigFingerprint.isWellFormed(entry.getValue())) {
                throw new IllegalArgumentException("the fingerprint of connector '" + entry.getKey()
                        + "' is not of the form sha256:<64 lowercase hex digits>");
            }
        }
    }

    @Override
    public EventType type() {
        return EventType.CLUSTER_INVENTORY;
    }
}
