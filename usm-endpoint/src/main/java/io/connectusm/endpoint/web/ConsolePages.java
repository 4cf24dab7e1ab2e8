package io.connectusm.endpoint.web;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.auth.CsrfTokens;
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
 * its template. Environments → Connect clusters → connectors. Forms carry the caller's {@link CsrfTokens} token.
 * Thread-safe (stateless over the stores).
 */
final class ConsolePages {

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
                new Frame("Environments", List.of(Crumb.here("Environments"))), lines));
    }

    ApiResponse environment(Call call) {
        String env = call.param("env");
        List<EnvironmentView.ClusterLine> clusters = connectClusters(env).stream()
                .map(c -> new EnvironmentView.ClusterLine(c, Paths.cluster(c.id()))).toList();
        List<KafkaCluster> kafkaClusters = all(after -> stores.registrations().listKafkaClusters(env, after,
                Page.MAX_SIZE));
        List<EnvironmentView.SightingLine> sightings = new ArrayList<>();
        for (Sighting s : stores.sightings().unregistered(env)) {
            sightings.add(EnvironmentView.sighting(env, s, kafkaClusters));
        }
        return Templates.page(200, "environment.jte", new EnvironmentView(Frame.of("Environment " + env,
                List.of(), env), env, clusters, sightings, kafkaClusters.isEmpty(),
                Paths.environment(env) + "/connect-clusters", csrf.tokenFor(call.caller().key())));
    }

    ApiResponse cluster(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        List<StoredConnector> connectors = stores.connectors().list(c.id());
        List<ClusterView.ConnectorLine> lines = connectors.stream().map(s -> ClusterView.line(c.id(), s)).toList();
        return Templates.page(200, "cluster.jte", new ClusterView(Frame.of(c.displayName(),
                List.of(Crumb.environment(c.environment())), c.displayName()), c, lines,
                ClusterView.summary(connectors), PluginsView.of(PluginOverview.of(stores.plugins().list(c.id()))),
                Paths.cluster(c.id()) + "/deregister", csrf.tokenFor(call.caller().key())));
    }

    ApiResponse connector(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        String name = call.param("name");
        StoredConnector s = stores.connectors().get(c.id(), name)
                .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found"));
        Frame frame = Frame.of(name, List.of(Crumb.environment(c.environment()), Crumb.cluster(c)), name);
        return Templates.page(200, "connector.jte", ConnectorView.of(frame, s,
                stores.connectors().history(c.id(), name)));
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
