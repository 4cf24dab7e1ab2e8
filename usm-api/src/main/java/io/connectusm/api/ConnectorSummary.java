package io.connectusm.api;

import java.time.Instant;

/**
 * One connector of a Connect cluster as the endpoint's list shows it. Immutable.
 *
 * @param name         the connector name
 * @param type         {@code source}, {@code sink} or {@code unknown}
 * @param state        the connector's state, e.g. {@code RUNNING}, {@code FAILED}
 * @param tasksRunning how many of its tasks run
 * @param tasksTotal   how many tasks it has
 * @param tracePresent whether the connector or a task carries a failure trace
 * @param lastChange   the time of its latest change, or {@code null} when not sent
 */
public record ConnectorSummary(String name, String type, String state, int tasksRunning, int tasksTotal,
                               boolean tracePresent, Instant lastChange) {
}
