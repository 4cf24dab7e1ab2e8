package io.connectusm.endpoint.store;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many live connectors a cluster, an environment or the whole endpoint has: in all, per connector state, and
 * how many are failing. A connector whose own state is RUNNING but one of whose tasks is FAILED counts under
 * RUNNING <em>and</em> in {@link #withFailedTasks()} and {@link #failing()}, so a summary never passes it off as
 * healthy. Counted by SQL aggregates ({@link ConnectorCountRows}), never by loading connectors. Immutable.
 *
 * @param total           live connectors
 * @param byState         live connectors per connector state name
 * @param failing         connectors that are FAILED or have a FAILED task
 * @param withFailedTasks connectors with at least one FAILED task (whatever their own state)
 * @param failedTasks     FAILED tasks over all connectors
 */
public record ConnectorCounts(long total, SortedMap<String, Long> byState, long failing, long withFailedTasks,
                              long failedTasks) {

    /** Nothing counted. */
    public static final ConnectorCounts NONE = new ConnectorCounts(0, new TreeMap<>(), 0, 0, 0);

    public ConnectorCounts {
        byState = Collections.unmodifiableSortedMap(new TreeMap<>(byState));
    }

    /** The sum of these counts and {@code other}'s. */
    public ConnectorCounts plus(ConnectorCounts other) {
        TreeMap<String, Long> states = new TreeMap<>(byState);
        other.byState.forEach((state, n) -> states.merge(state, n, Long::sum));
        return new ConnectorCounts(total + other.total, states, failing + other.failing,
                withFailedTasks + other.withFailedTasks, failedTasks + other.failedTasks);
    }

    /** How many connectors are in {@code state}. */
    public long inState(String state) {
        return byState.getOrDefault(state, 0L);
    }

    static ConnectorCounts ofState(String state, long n, long failing, long withFailedTasks, long failedTasks) {
        return new ConnectorCounts(n, new TreeMap<>(Map.of(state, n)), failing, withFailedTasks, failedTasks);
    }
}
