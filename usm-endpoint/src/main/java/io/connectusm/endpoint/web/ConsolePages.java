package io.connectusm.endpoint.web;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import io.connectusm.endpoint.api.Access;
import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.Page;
import io.connectusm.endpoint.store.Sighting;
import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.endpoint.web.Frame.Crumb;

/**
 * The console's pages, one method per page: read what the page shows from the stores, build its view, render
 * its template. Environments → Connect clusters → connectors. Forms carry the caller's {@link CsrfTokens} token
 * and are shown to admin keys only (a viewer's pages have none). Thread-safe (stateless over the stores).
 */
final class ConsolePages {

    /** Sightings per page of the environment page. */
    static final int SIGHTINGS_PAGE = 20;
    static final String SIGHTINGS_AFTER = "sightings_after";

    private final Stores stores;
    private final CsrfTokens csrf;

    ConsolePages(Stores stores, CsrfTokens csrf) {
        this.stores = stores;
        this.csrf = csrf;
    }

    /** Home: the environments with registrations, plus the one asked for with {@code ?environment=}. */
    ApiResponse environments(Call call) {
        TreeSet<String> envs = new TreeSet<>(stores.registrations().environments());
        String asked = call.query("environment");
        if (InputRules.isEnvironment(asked)) {
            envs.add(asked);
        }
        List<EnvironmentsView.Line> lines = envs.stream().map(env -> new EnvironmentsView.Line(env,
                Paths.environment(env), connectClusters(env).size())).toList();
        return Templates.page(200, "environments.jte", new EnvironmentsView(
                new Frame("Environments", List.of(Crumb.here("Environments"))).as(signedIn(call)), lines));
    }

    ApiResponse environment(Call call) {
        String env = call.param("env");
        List<EnvironmentView.ClusterLine> clusters = connectClusters(env).stream()
                .map(c -> new EnvironmentView.ClusterLine(c, Paths.cluster(c.id()))).toList();
        List<KafkaCluster> kafkaClusters = all(after -> stores.registrations().listKafkaClusters(env, after,
                Page.MAX_SIZE));
        String after = call.query(SIGHTINGS_AFTER);
        Page<Sighting> page;
        try {
            page = stores.sightings().unregisteredPage(env, after == null ? "" : after, SIGHTINGS_PAGE);
        } catch (IllegalArgumentException e) {
            page = stores.sightings().unregisteredPage(env, "", SIGHTINGS_PAGE); // a mangled link: the first page
        }
        List<EnvironmentView.SightingLine> sightings = new ArrayList<>();
        for (Sighting s : page.items()) {
            sightings.add(EnvironmentView.sighting(env, s, kafkaClusters));
        }
        String next = page.nextAfter() == null ? null : Paths.environment(env) + "?" + SIGHTINGS_AFTER + "="
                + Html.url(page.nextAfter());
        return Templates.page(200, "environment.jte", new EnvironmentView(Frame.of("Environment " + env,
                List.of(), env).as(signedIn(call)), env, clusters, sightings, kafkaClusters.isEmpty(),
                Paths.environment(env) + "/connect-clusters", formToken(call.caller()), page.totalSize(), next));
    }

    ApiResponse cluster(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        List<StoredConnector> connectors = stores.connectors().list(c.id());
        List<ClusterView.ConnectorLine> lines = connectors.stream().map(s -> ClusterView.line(c.id(), s)).toList();
        return Templates.page(200, "cluster.jte", new ClusterView(Frame.of(c.displayName(),
                List.of(Crumb.environment(c.environment())), c.displayName()).as(signedIn(call)), c, lines,
                ClusterView.summary(connectors), PluginsView.of(PluginOverview.of(stores.plugins().list(c.id()))),
                Paths.cluster(c.id()) + "/deregister", formToken(call.caller())));
    }

    ApiResponse connector(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        String name = call.param("name");
        StoredConnector s = stores.connectors().get(c.id(), name)
                .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found"));
        Frame frame = Frame.of(name, List.of(Crumb.environment(c.environment()), Crumb.cluster(c)), name)
                .as(signedIn(call));
        return Templates.page(200, "connector.jte", ConnectorView.of(frame, s,
                stores.connectors().history(c.id(), name), Paths.connector(c.id(), name) + "/purge-history",
                formToken(call.caller())));
    }

    /** The forms' token for an admin; {@code null} (no forms) for a viewer. */
    private String formToken(Principal caller) {
        return Access.ADMIN.permits(caller.role()) ? csrf.tokenFor(caller) : null;
    }

    private Frame.SignedIn signedIn(Call call) {
        Principal caller = call.caller();
        return new Frame.SignedIn(caller.key(), caller.role().label(),
                caller.sessionId() == null ? null : csrf.tokenFor(caller));
    }

    private ConnectCluster cluster(String id) {
        return stores.registrations().connectCluster(id)
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
    }

    private List<ConnectCluster> connectClusters(String env) {
        return all(after -> stores.registrations().listConnectClusters(env, after, Page.MAX_SIZE));
    }

    /** Every item of a paged listing, page after page. */
    private static <T> List<T> all(Function<String, Page<T>> pageAfter) {
        List<T> out = new ArrayList<>();
        String after = "";
        while (true) {
            Page<T> page = pageAfter.apply(after);
            out.addAll(page.items());
            if (page.nextAfter() == null) {
                return out;
            }
            after = page.nextAfter();
        }
    }
}
