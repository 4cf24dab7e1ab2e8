package io.connectusm.endpoint.web;

import java.util.List;

/**
 * The home page: every environment with a registration (plus one asked for by ID), with its number of Connect
 * clusters, and the form to open an environment by ID. Immutable.
 *
 * @param frame        title and breadcrumbs
 * @param environments the environments, sorted by ID
 */
record EnvironmentsView(Frame frame, List<Line> environments) {

    /** One environment: its ID, its page and how many Connect clusters are registered in it. */
    record Line(String id, String path, int connectClusters) {
    }

    EnvironmentsView {
        environments = List.copyOf(environments);
    }
}
