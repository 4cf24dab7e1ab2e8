package io.connectusm.events;

import java.util.Objects;

/**
 * The state of one task of a connector. A value class (equal when all four fields are equal). Immutable and
 * thread-safe.
 */
public final class TaskSnapshot {

    private final int id;
    private final ConnectorState state;
    private final String workerId;
    private final String trace;

    /**
     * @param id       the task number, from 0
     * @param state    the task's state
     * @param workerId the worker running it ({@code host:port}), or {@code null} when unassigned
     * @param trace    the failure's stack trace when {@code state} is {@code FAILED}, else {@code null}
     */
    public TaskSnapshot(int id, ConnectorState state, String workerId, String trace) {
        if (id < 0) {
            throw new IllegalArgumentException("task id must not be negative: " + id);
        }
        Objects.requireNonNull(state, "state");
        this.id = id;
        this.state = state;
        this.workerId = workerId;
        this.trace = trace;
    }

    public int id() {
        return id;
    }

    public ConnectorState state() {
        return state;
    }

    /** The worker running the task, or {@code null} when unassigned. */
    public String workerId() {
        return workerId;
    }

    /** The failure's stack trace, or {@code null}. */
    public String trace() {
        return trace;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof TaskSnapshot)) {
            return false;
        }
        TaskSnapshot that = (TaskSnapshot) other;
        return id == that.id && state == that.state && Objects.equals(workerId, that.workerId)
                && Objects.equals(trace, that.trace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state, workerId, trace);
    }

    @Override
    public String toString() {
        return "TaskSnapshot[id=" + id + ", state=" + state + ", workerId=" + workerId + ", trace=" + trace + "]";
    }
}
