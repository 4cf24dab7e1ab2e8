package io.connectusm.endpoint.web;

import java.util.List;

import io.connectusm.endpoint.store.StoredConnector;

/**
 * A connector's page: its facts, its trace and its tasks' (folded), the masked configuration (masked values
 * badged with why they were masked), its history as a timeline, newest first, a page at a time: what changed in
 * words, who, and the config diff of each change; and for an admin the form that purges that history. Immutable.
 *
 * @param frame     title and breadcrumbs
 * @param connector the stored connector (masked config only)
 * @param tasks     "2 of 3 running"
 * @param config    one line per key
 * @param masked    how many values are masked, as a sentence start ("1 value is")
 * @param traceNote what was done to the traces ("trace scrubbed"), or {@code null}
 * @param timeline  one page of the changes, newest first
 * @param historyTotal how many changes are stored
 * @param older     the page of older changes, or {@code null} when there is none
 * @param purge     where the purge form posts
 * @param csrfToken the forms' token for an admin; {@code null} (no purge form) for a viewer
 */
record ConnectorView(Frame frame, StoredConnector connector, String tasks, List<ConfigLine> config, String masked,
                     String traceNote, List<Timeline.Row> timeline, int historyTotal, String older, String purge,
                     String csrfToken, List<TopicLink> topics) {

    /** One active topic and the page of the connectors using it. */
    record TopicLink(String topic, String href) {
    }

    /**
     * One config key, its masked value, whether the worker masked it, and why it was masked or changed
     * ({@code null}: not changed, or no reason known).
     */
    record ConfigLine(String key, String value, boolean masked, String note) {
    }

    ConnectorView {
        config = List.copyOf(config);
        timeline = List.copyOf(timeline);
        topics = topics == null ? null : List.copyOf(topics);
    }

    /**
     * @param topics the connector's active topics, each linked to the connectors using it; {@code null} when unknown
     */
    static ConnectorView of(Frame frame, StoredConnector s, List<Timeline.Row> timeline, int historyTotal,
                            String older, String purge, String csrfToken, List<TopicLink> topics) {
        List<ConfigLine> config = s.config().entrySet().stream().map(e -> new ConfigLine(e.getKey(), e.getValue(),
                s.maskedKeys().contains(e.getKey()), MaskNotes.value(s, e.getKey()))).toList();
        long masked = config.stream().filter(c -> c.masked() || Html.isMasked(c.value())).count();
        return new ConnectorView(frame, s, s.tasksRunning() + " of " + s.tasks().size() + " running", config,
                masked + (masked == 1 ? " value is" : " values are"), MaskNotes.traces(s), timeline, historyTotal,
                older, purge, csrfToken, topics);
    }
}
