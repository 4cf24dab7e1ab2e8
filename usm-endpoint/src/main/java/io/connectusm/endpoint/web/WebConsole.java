package io.connectusm.endpoint.web;

import java.util.Set;

import io.connectusm.endpoint.api.Access;
import io.connectusm.endpoint.api.RouteTable;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.store.Stores;

/**
 * The console's routes at a glance: the login page and the live-refresh script (public), its pages (keys with role viewer or admin; a
 * session cookie or basic credentials), its forms (admin), and logout. Under {@code /ui} bodies are form-encoded,
 * a session cookie authenticates, and failures are HTML pages ({@link ConsoleErrors}). Stateless.
 */
public final class WebConsole {

    static final String FORM = "application/x-www-form-urlencoded";
    private static final String ACTION = "the web console";

    private WebConsole() {
    }

    /** Adds the console's routes to {@code table}. */
    public static RouteTable.Builder addRoutes(RouteTable.Builder table, Stores stores, ConsoleSecurity security,
                                               ConsoleSettings settings) {
        ConsolePages pages = new ConsolePages(stores, security.csrf(), settings);
        WebActions actions = new WebActions(stores, security.csrf());
        LoginPages login = new LoginPages(security);
        return table
                .surface(Paths.HOME, Set.of(FORM), true, new ConsoleErrors())
                .get("/", Access.PUBLIC, null, call -> ApiResponse.seeOther(Paths.HOME))
                .get(Paths.LOGIN, Access.PUBLIC, null, login::form)
                .post(Paths.LOGIN, Access.PUBLIC, null, login::login)
                .get(LiveRefresh.SCRIPT_PATH, Access.PUBLIC, null, LiveRefresh::script)
                .area(Paths.HOME, Access.READ, ACTION)
                .post(Paths.LOGOUT, Access.READ, "logging out", login::logout)
                .get(Paths.HOME, pages::environments)
                .get(Paths.HOME + "/environments/{env}", pages::environment)
                .get(Paths.HOME + "/connect-clusters/{id}", pages::cluster)
                .get(Paths.HOME + "/connect-clusters/{id}/connectors/{name}", pages::connector)
                .get(Paths.HOME + "/kafka-clusters/{kafka_id}/topics/{topic}", pages::topic)
                .post(Paths.HOME + "/environments/{env}/connect-clusters", Access.ADMIN, "registering a Connect "
                        + "cluster", actions::register)
                .post(Paths.HOME + "/environments/{env}/sightings/dismiss", Access.ADMIN, "dismissing a sighting",
                        actions::dismissSighting)
                .post(Paths.HOME + "/connect-clusters/{id}/deregister", Access.ADMIN, "deregistering a Connect "
                        + "cluster", actions::deregister)
                .post(Paths.HOME + "/connect-clusters/{id}/connectors/{name}/purge-history", Access.ADMIN,
                        "purging a connector's history", actions::purgeHistory);
    }
}
