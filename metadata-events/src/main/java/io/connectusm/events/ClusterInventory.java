package io.connectusm.events;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every connector of one Connect cluster at one instant, each with the fingerprint of its masked config.
 * A receiver that compares it with what it holds learns what it missed (unknown fingerprint: ask for or
 * wait for a snapshot) and what was deleted while it was away (absent here). Travels without a
 * {@code subject}. A value class (equal when the maps are equal). Immutable and thread-safe.
 */
public final class ClusterInventory extends EventPayload {

    private final SortedMap<String, String> connectors;

    /** @param connectors connector name (not empty) to {@link ConfigFingerprint} (well-formed); copied */
    public ClusterInventory(SortedMap<String, String> connectors) {
        SortedMap<String, String> copy = Collections.unmodifiableSortedMap(new TreeMap<>(connectors));
        for (Map.Entry<String, String> entry : copy.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw new IllegalArgumentException("a connector name must not be empty");
            }
            if (!ConfigFingerprint.isWellFormed(entry.getValue())) {
                throw new IllegalArgumentException("the fingerprint of connector '" + entry.getKey()
                        + "' is not of the form sha256:<64 lowercase hex digits>");
            }
        }
        this.connectors = copy;
    }

    /** Connector name to fingerprint, ordered by name; unmodifiable. */
    public SortedMap<String, String> connectors() {
        return connectors;
    }

    @Override
    public EventType type() {
        return EventType.CLUSTER_INVENTORY;
    }

    @Override
    public boolean equals(Object other) {
        return other == this
                || other instanceof ClusterInventory && connectors.equals(((ClusterInventory) other).connectors);
    }

    @Override
    public int hashCode() {
        return connectors.hashCode();
    }

    @Override
    public String toString() {
        return "ClusterInventory[connectors=" + connectors + "]";
    }
}
