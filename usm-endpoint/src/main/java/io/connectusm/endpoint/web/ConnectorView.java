package io.connectusm.endpoint.web;

import java.util.List;

import io.connectusm.endpoint.store.StoredConnector;

/**
 * A connector's page: its facts, its trace and its tasks' (folded), the masked configuration (masked values
 * badged as such), and its history as a timeline, newest first, a page at a time: what changed in words, who,
 * and the config diff of each change. Immutable.
 *
 * @param frame     title and breadcrumbs
 * @param connector the stored connector (masked config only)
 * @param tasks     "2 of 3 running"
 * @param config    one line per key
 * @param masked    how many values are masked, as a sentence start ("1 value is")
 * @param timeline  one page of the changes, newest first
 * @param historyTotal how many changes are stored
 * @param older     the page of older changes, or {@code null} when there is none
 */
record ConnectorView(Frame frame, StoredConnector connector, String tasks, List<ConfigLine> config, String masked,
                     List<Timeline.Row> timeline, int historyTotal, String older) {

    /** One config key, its masked value, and whether the worker masked it. */
    record ConfigLine(String key, String value, boolean masked) {
    }

    ConnectorView {
        config = List.copyOf(config);
        timeline = List.copyOf(timeline);
    }

    static ConnectorView of(Frame frame, StoredConnector s, List<Timeline.Row> timeline, int historyTotal,
                            String older) {
        List<ConfigLine> config = s.config().entrySet().stream().map(e -> new ConfigLine(e.getKey(), e.getValue(),
                s.maskedKeys().contains(e.getKey()))).toList();
        long masked = config.stream().filter(c -> c.masked() || Html.isMasked(c.value())).count();
        return new ConnectorView(frame, s, s.tasksRunning() + " of " + s.tasks().size() + " running", config,
                masked + (masked == 1 ? " value is" : " values are"), timeline, historyTotal, older);
    }
}
