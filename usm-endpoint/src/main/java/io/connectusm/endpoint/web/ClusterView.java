package io.connectusm.endpoint.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.events.ConnectorState;

/**
 * A Connect cluster's page: its IDs, cloud and region; its connectors (a count per state, then one line each);
 * its workers' plugins ({@link PluginsView}); and the "Deregister" form. Immutable.
 *
 * @param frame      title and breadcrumbs
 * @param cluster    the registration
 * @param connectors the live connectors, by name
 * @param summary    how many connectors are in each state (the enum's order, then unknown states as "other")
 * @param plugins    the plugins section
 * @param deregister where the "Deregister" form posts
 * @param csrfToken  the caller's anti-CSRF token for the form
 */
record ClusterView(Frame frame, ConnectCluster cluster, List<ConnectorLine> connectors, List<StateCount> summary,
                   PluginsView plugins, String deregister, String csrfToken) {

    /** One connector's line: name and page, type, state, tasks, whether a trace exists, last change. */
    record ConnectorLine(String name, String path, String type, String state, String tasks, String failedTasks,
                         String tracePath, Instant lastChange) {
    }

    /** How many connectors are in one state. */
    record StateCount(String state, long count) {
    }

    ClusterView {
        connectors = List.copyOf(connectors);
        summary = List.copyOf(summary);
    }

    /** "6 connectors:" before the counts. */
    String summaryLabel() {
        return Html.count(connectors.size(), "connector", "connectors") + ":";
    }

    static ConnectorLine line(String clusterId, StoredConnector s) {
        long failed = s.tasks().stream().filter(t -> t.state() == ConnectorState.FAILED).count();
        String path = Paths.connector(clusterId, s.name());
        return new ConnectorLine(s.name(), path, s.connectorType(), s.state(), tasks(s),
                failed > 0 ? failed + " failed" : null, s.tracePresent() ? path + "#trace" : null, s.lastChange());
    }

    /** "2 of 3 running". */
    static String tasks(StoredConnector s) {
        return s.tasksRunning() + " of " + s.tasks().size() + " running";
    }

    static List<StateCount> summary(List<StoredConnector> connectors) {
        Map<ConnectorState, Long> counts = new EnumMap<>(ConnectorState.class);
        long other = 0;
        for (StoredConnector s : connectors) {
            ConnectorState known = known(s.state());
            if (known == null) {
                other++;
            } else {
                counts.merge(known, 1L, Long::sum);
            }
        }
        List<StateCount> out = new ArrayList<>();
        counts.forEach((state, n) -> out.add(new StateCount(state.name(), n)));
        if (other > 0) {
            out.add(new StateCount("other", other));
        }
        return out;
    }

    private static ConnectorState known(String state) {
        for (ConnectorState s : ConnectorState.values()) {
            if (s.name().equals(state)) {
                return s;
            }
        }
        return null;
    }
}
