package io.connectusm.endpoint.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorCounts;
import io.connectusm.endpoint.store.ConnectorQuery.Sort;
import io.connectusm.endpoint.store.ConnectorSummary;
import io.connectusm.endpoint.store.Page;

/**
 * A Connect cluster's page: its IDs, cloud and region, and its health (last heard, stale, agents); its connectors
 * as counts per state (each a link to the filtered list) with the failing ones called out, then one page of the
 * list, failing first by default, with the filter and search form, sortable columns and paging links; its
 * workers' plugins ({@link PluginsView}); and the "Deregister" form. Immutable.
 *
 * @param frame      title and breadcrumbs
 * @param cluster    the registration
 * @param health     counts, last heard, stale
 * @param controls   the list's filter, search, sort and page
 * @param base       the page's own address, without query
 * @param connectors this page's lines
 * @param matching   how many connectors the filter admits
 * @param next       the next page's address, or {@code null} on the last page
 * @param summary    the counts per state, in the enum's order, each linked to its filter
 * @param plugins    the plugins section
 * @param deregister where the "Deregister" form posts
 * @param csrfToken  the caller's anti-CSRF token for the form, or {@code null} (no form)
 */
record ClusterView(Frame frame, ConnectCluster cluster, ClusterHealth health, ListControls controls, String base,
                   List<ConnectorLine> connectors, int matching, String next, List<StateCount> summary,
                   PluginsView plugins, String deregister, String csrfToken) {

    /** The sortable columns, in order: title and sort key. */
    static final List<Map.Entry<String, Sort>> COLUMNS = List.of(Map.entry("Name", Sort.NAME),
            Map.entry("Type", Sort.TYPE), Map.entry("State", Sort.STATE), Map.entry("Failed tasks", Sort.TASKS_FAILED),
            Map.entry("Last change", Sort.LAST_CHANGE));

    /** One connector's line: name and page, type, state, tasks, failed tasks, whether a trace exists, last change. */
    record ConnectorLine(String name, String path, String type, String state, String tasks, String failedTasks,
                         String tracePath, Instant lastChange, boolean failing) {
    }

    /** How many connectors are in one state, and the list filtered on it. */
    record StateCount(String state, long count, String path) {
    }

    ClusterView {
        connectors = List.copyOf(connectors);
        summary = List.copyOf(summary);
    }

    ConnectorCounts counts() {
        return health.counts();
    }

    /** "6 connectors:" before the counts. */
    String summaryLabel() {
        return Html.count(counts().total(), "connector", "connectors") + ":";
    }

    /** "Showing 51–100 of 230", or "No connector matches." */
    String showing() {
        if (connectors.isEmpty()) {
            return controls.filtered() ? "No connector matches." : "No connector reported yet.";
        }
        int first = controls.start();
        return "Showing " + first + "–" + (first + connectors.size() - 1) + " of " + matching
                + (controls.filtered() ? " matching" : "");
    }

    String failingPath() {
        return controls.stateLink(base, ListControls.FAILING);
    }

    static ConnectorLine line(String clusterId, ConnectorSummary s) {
        String path = Paths.connector(clusterId, s.name());
        return new ConnectorLine(s.name(), path, s.connectorType(), s.state(),
                s.tasksRunning() + " of " + s.tasksTotal() + " running",
                s.tasksFailed() > 0 ? s.tasksFailed() + " failed" : null, s.tracePresent() ? path + "#trace" : null,
                s.lastChange(), s.failing());
    }

    /** The counts per state, FAILED first, then the other states in the enum's order, then unknown ones. */
    static List<StateCount> summary(ConnectorCounts counts, ListControls controls, String base) {
        List<StateCount> out = new ArrayList<>();
        for (String state : ListControls.STATE_CHOICES.keySet()) {
            if (!state.isEmpty() && !state.equals(ListControls.FAILING) && counts.inState(state) > 0) {
                out.add(new StateCount(state, counts.inState(state), controls.stateLink(base, state)));
            }
        }
        out.sort((a, b) -> Boolean.compare(!a.state().equals("FAILED"), !b.state().equals("FAILED")));
        counts.byState().forEach((state, n) -> {
            if (!ListControls.STATE_CHOICES.containsKey(state)) {
                out.add(new StateCount(state.isEmpty() ? "other" : state, n, null));
            }
        });
        return out;
    }

    static ClusterView of(Frame frame, ConnectCluster c, ClusterHealth health, ListControls controls,
                          Page<ConnectorSummary> page, PluginsView plugins, String csrfToken) {
        String base = Paths.cluster(c.id());
        List<ConnectorLine> lines = page.items().stream().map(s -> line(c.id(), s)).toList();
        String next = page.nextAfter() == null ? null
                : controls.nextLink(base, page.nextAfter(), controls.start() + lines.size());
        return new ClusterView(frame, c, health, controls, base, lines, page.totalSize(), next,
                summary(health.counts(), controls, base), plugins, base + "/deregister", csrfToken);
    }
}
