package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.connectusm.events.ChangeActor;

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
 * @param actor             who made the change through the Connect REST API, {@code null} when no REST call did (or
 *                          none was recorded)
 */
public record HistoryEntry(long sequence, Instant time, HistoryKind kind, String state, String configFingerprint,
                           List<ConfigDiff.Change> diff, SortedMap<Integer, String> taskStates, ChangeActor actor) {

    public HistoryEntry {
        diff = List.copyOf(diff);
        taskStates = taskStates == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(taskStates));
    }

    /** An entry no REST call is known to have caused. */
    public HistoryEntry(long sequence, Instant time, HistoryKind kind, String state, String configFingerprint,
                        List<ConfigDiff.Change> diff, SortedMap<Integer, String> taskStates) {
        this(sequence, time, kind, state, configFingerprint, diff, taskStates, null);
    }

    /** What caused it, for people: "paused by alice from 10.1.2.3 (curl/8.5)", "task change, found by reconcile". */
    public String describe() {
        return ChangeDescription.of(this);
    }
}
