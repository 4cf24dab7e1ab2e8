package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.List;

import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * One line of a connector list: what a list shows, filters and sorts on, kept in columns of its own beside the
 * connector's full state so a page of 100 out of thousands is read without parsing anyone's tasks or config.
 * Immutable.
 *
 * @param name          the connector's name
 * @param connectorType {@code SOURCE}, {@code SINK} or what the worker reported
 * @param state         the connector's state
 * @param tasksRunning  how many of its tasks are RUNNING
 * @param tasksFailed   how many of its tasks are FAILED
 * @param tasksTotal    how many tasks it has
 * @param tracePresent  whether the connector or a task carries a failure trace
 * @param failing       whether the connector or any task is FAILED (lists put these first)
 * @param lastChange    the time of the event that last changed it
 */
public record ConnectorSummary(String name, String connectorType, String state, int tasksRunning, int tasksFailed,
                               int tasksTotal, boolean tracePresent, boolean failing, Instant lastChange) {

    /** The summary of a stored connector. */
    static ConnectorSummary of(StoredConnector s) {
        return of(s.name(), s.connectorType(), s.state(), s.trace(), s.tasks(), s.lastChange());
    }

    static ConnectorSummary of(String name, String type, String state, String trace, List<TaskSnapshot> tasks,
                               Instant lastChange) {
        int running = 0;
        int failed = 0;
        boolean traces = trace != null;
        for (TaskSnapshot t : tasks) {
            running += t.state() == ConnectorState.RUNNING ? 1 : 0;
            failed += t.state() == ConnectorState.FAILED ? 1 : 0;
            traces |= t.trace() != null;
        }
        return new ConnectorSummary(name, type, state, running, failed, tasks.size(), traces,
                ConnectorState.FAILED.name().equals(state) || failed > 0, lastChange);
    }
}
