package io.connectusm.endpoint.web;

import io.connectusm.endpoint.api.Access;
import io.connectusm.endpoint.api.RouteTable;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.store.Stores;

/**
 * The web console's routes at a glance: its pages and forms, all for admin keys. Stateless.
 */
public final class WebConsole {

    private static final String ACTION = "the web page";

    private WebConsole() {
    }

    /** Adds the console's routes to {@code table}. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, CsrfTokens csrf) {
        ConsolePages pages = new ConsolePages(stores, csrf);
        WebActions actions = new WebActions(stores.registrations(), csrf);
        return table
                .get("/", Access.ADMIN, ACTION, pages::environments)
                .area(Paths.HOME, Access.ADMIN, ACTION)
                .get(Paths.HOME, pages::environments)
                .get(Paths.HOME + "/environments/{env}", pages::environment)
                .get(Paths.HOME + "/connect-clusters/{id}", pages::cluster)
                .get(Paths.HOME + "/connect-clusters/{id}/connectors/{name}", pages::connector)
                .post(Paths.HOME + "/environments/{env}/connect-clusters", actions::register)
                .post(Paths.HOME + "/connect-clusters/{id}/deregister", actions::deregister);
    }
}
