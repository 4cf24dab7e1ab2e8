package io.connectusm.endpoint.web;

import java.util.List;

import io.connectusm.endpoint.store.ConnectorCounts;

/**
 * The home page: every environment with a registration (plus one asked for by ID), with its number of Connect
 * clusters, its connectors counted (failing ones and those with failed tasks called out) and its stale clusters,
 * the totals over all of them, and the form to open an environment by ID. Immutable.
 *
 * @param frame        title and breadcrumbs
 * @param environments the environments, sorted by ID
 * @param totals       the connectors of every environment, counted
 * @param staleClusters how many clusters are stale in all
 */
record EnvironmentsView(Frame frame, List<Line> environments, ConnectorCounts totals, long staleClusters) {

    /**
     * One environment: its ID, its page, how many Connect clusters are registered in it, its connectors counted,
     * and how many of its clusters are stale.
     */
    record Line(String id, String path, int connectClusters, ConnectorCounts counts, long staleClusters) {
    }

    EnvironmentsView {
        environments = List.copyOf(environments);
    }
}
