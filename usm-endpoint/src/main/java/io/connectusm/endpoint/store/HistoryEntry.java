package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One real change of a connector, as stored: what kind, when (the event's time), the state after it and the
 * config diff (masked values only). Immutable.
 *
 * @param sequence          the row's position in the history (assigned by the database; larger is later)
 * @param time              the time of the event that made the change
 * @param kind              what changed
 * @param state             the connector's state after the change, {@code null} after a deletion
 * @param configFingerprint the fingerprint of the masked config after the change, {@code null} after a deletion
 * @param diff              the key-by-key diff of the masked configs
 * @param taskStates        each task's state after the change, by task ID; empty after a deletion, {@code null}
 *                          when not recorded (entries written before the endpoint kept them)
 */
public record HistoryEntry(long sequence, Instant time, HistoryKind kind, String state, String configFingerprint,
                           List<ConfigDiff.Change> diff, SortedMap<Integer, String> taskStates) {

    public HistoryEntry {
        diff = List.copyOf(diff);
        taskStates = taskStates == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(taskStates));
    }
}
