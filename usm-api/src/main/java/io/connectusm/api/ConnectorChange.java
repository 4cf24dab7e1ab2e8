package io.connectusm.api;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a connector's history: a real change, when it happened, the state after it and how the masked
 * configuration changed (so a changed secret shows as a change of {@code ********} to {@code ********} at most).
 * Immutable.
 *
 * @param time              when it happened (the event's time), or {@code null}
 * @param change            e.g. {@code CREATED}, {@code CONFIG_UPDATED}, {@code STATE_CHANGED}, {@code DELETED}
 * @param state             the connector's state after it, or {@code null} (deleted)
 * @param configFingerprint the masked configuration's fingerprint after it, or {@code null}
 * @param configDiff        the keys that changed, sorted by key
 */
public record ConnectorChange(Instant time, String change, String state, String configFingerprint,
                              List<ConfigChange> configDiff) {

    public ConnectorChange {
        configDiff = List.copyOf(configDiff);
    }

    /**
     * How one key changed.
     *
     * @param key      the config key
     * @param change   {@code ADDED}, {@code REMOVED} or {@code CHANGED}
     * @param oldValue the masked value before, {@code null} when added
     * @param newValue the masked value after, {@code null} when removed
     */
    public record ConfigChange(String key, String change, String oldValue, String newValue) {
    }
}
