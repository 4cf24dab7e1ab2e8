package io.connectusm.events;

import java.util.Objects;

/**
 * The state of one task of a connector. Immutable and thread-safe.
 *
 * @param id       the task number, from 0
 * @param state    the task's state
 * @param workerId the worker running it ({@code host:port}), or {@code null} when unassigned
 * @param trace    the failure's stack trace when {@code state} is {@code FAILED}, else {@code null}
 */
public record TaskSnapshot(int id, ConnectorState state, String workerId, String trace) {

    public TaskSnapshot {
        if (id < 0) {
            throw new IllegalArgumentException("task id must not be negative: " + id);
        }
        Objects.requireNonNull(state, "state");
    }
}
