package io.connectusm.endpoint.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.connectusm.endpoint.api.Access;
import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ClusterReport;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorCounts;
import io.connectusm.endpoint.store.ConnectorQuery;
import io.connectusm.endpoint.store.ConnectorSummary;
import io.connectusm.endpoint.store.HistoryEntry;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.Page;
import io.connectusm.endpoint.store.Sighting;
import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.endpoint.store.TopicUser;
import io.connectusm.endpoint.web.Frame.Crumb;
import io.connectusm.events.TopicNames;

/**
 * The console's pages, one method per page: read what the page shows from the stores (lists a page at a time,
 * counts by SQL aggregate), build its view, render its template, and answer 304 to a poll of an unchanged page
 * ({@link LiveRefresh}). Environments → Connect clusters → connectors. Forms carry the caller's
 * {@link CsrfTokens} token and are shown to admin keys only (a viewer's pages have none). Thread-safe (stateless
 * over the stores).
 */
final class ConsolePages {

    /** Sightings per page of the environment page. */
    static final int SIGHTINGS_PAGE = 20;
    static final String SIGHTINGS_AFTER = "sightings_after";
    /** History entries per page of the connector page. */
    static final int HISTORY_PAGE = 50;
    static final String HISTORY_BEFORE = "history_before";
    /** The success message a form's redirect asks for ({@code registered}, {@code deregistered}). */
    static final String DONE = "done";
    static final String DONE_NAME = "name";

    private final Stores stores;
    private final CsrfTokens csrf;
    private final ConsoleSettings settings;

    ConsolePages(Stores stores, CsrfTokens csrf, ConsoleSettings settings) {
        this.stores = stores;
        this.csrf = csrf;
        this.settings = settings;
    }

    /** Home: the environments with registrations, plus the one asked for with {@code ?environment=}. */
    ApiResponse environments(Call call) {
        TreeSet<String> envs = new TreeSet<>(stores.registrations().environments());
        String asked = call.query("environment");
        if (InputRules.isEnvironment(asked)) {
            envs.add(asked);
        }
        Map<String, Map<String, ConnectorCounts>> counts = stores.connectors().counts(null);
        Map<String, List<ClusterReport>> reports = stores.reports().reports(null);
        Instant now = settings.clock().instant();
        List<EnvironmentsView.Line> lines = new ArrayList<>();
        ConnectorCounts totals = ConnectorCounts.NONE;
        long staleTotal = 0;
        for (String env : envs) {
            List<ConnectCluster> clusters = connectClusters(env);
            Map<String, ConnectorCounts> byCluster = counts.getOrDefault(env, Map.of());
            ConnectorCounts envCounts = byCluster.values().stream().reduce(ConnectorCounts.NONE,
                    ConnectorCounts::plus);
            long stale = clusters.stream().filter(c -> health(c, byCluster, reports, now).stale()).count();
            lines.add(new EnvironmentsView.Line(env, Paths.environment(env), clusters.size(), envCounts, stale));
            totals = totals.plus(envCounts);
            staleTotal += stale;
        }
        return LiveRefresh.conditional(call, Templates.page(200, "environments.jte", new EnvironmentsView(
                new Frame("Environments", List.of(Crumb.here("Environments"))).as(signedIn(call)), lines, totals,
                staleTotal)));
    }

    ApiResponse environment(Call call) {
        String env = call.param("env");
        Map<String, ConnectorCounts> counts = InputRules.isEnvironment(env)
                ? stores.connectors().counts(env).getOrDefault(env, Map.of()) : Map.of();
        Map<String, List<ClusterReport>> reports = stores.reports().reports(env);
        Instant now = settings.clock().instant();
        List<EnvironmentView.ClusterLine> clusters = new ArrayList<>();
        for (ConnectCluster c : connectClusters(env)) {
            clusters.add(new EnvironmentView.ClusterLine(c, Paths.cluster(c.id()), health(c, counts, reports, now),
                    new ListControls(ListControls.FAILING, null, ConnectorQuery.Sort.FAILING, false, "", 1)
                            .link(Paths.cluster(c.id()))));
        }
        ConnectorCounts totals = counts.values().stream().reduce(ConnectorCounts.NONE, ConnectorCounts::plus);
        long stale = clusters.stream().filter(l -> l.health().stale()).count();
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
        String notice = null;
        String gone = call.query(DONE_NAME);
        if ("deregistered".equals(call.query(DONE)) && gone != null && !gone.isBlank() && gone.length() <= 255) {
            notice = "Deregistered Connect cluster " + gone + ": its connectors and history are gone, and its "
                    + "agent's events are refused from now on.";
        }
        return LiveRefresh.conditional(call, Templates.page(200, "environment.jte", new EnvironmentView(Frame.of(
                "Environment " + env, List.of(), env).as(signedIn(call)).withNotice(notice), env, clusters,
                sightings, kafkaClusters.isEmpty(), Paths.environment(env) + "/connect-clusters",
                formToken(call.caller()), page.totalSize(), next, totals, stale)));
    }

    ApiResponse cluster(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        ListControls controls = ListControls.of(call);
        Page<ConnectorSummary> page;
        try {
            page = stores.connectors().page(c.id(), controls.query(), controls.pageToken(), ListControls.PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            controls = controls.firstPage(); // a mangled or stale page link: the first page
            page = stores.connectors().page(c.id(), controls.query(), "", ListControls.PAGE_SIZE);
        }
        ConnectorCounts counts = stores.connectors().counts(c.environment(), c.id());
        ClusterHealth health = health(c, Map.of(c.id(), counts), stores.reports().reports(c.environment()),
                settings.clock().instant());
        String notice = "registered".equals(call.query(DONE)) ? "Registered Connect cluster " + c.displayName()
                + " as " + c.id() + ". Its connectors show here once its agent reports them." : null;
        Frame frame = Frame.of(c.displayName(), List.of(Crumb.environment(c.environment())), c.displayName())
                .as(signedIn(call)).withNotice(notice);
        return LiveRefresh.conditional(call, Templates.page(200, "cluster.jte", ClusterView.of(frame, c, health,
                controls, page, PluginsView.of(PluginOverview.of(stores.plugins().list(c.id()))),
                formToken(call.caller()))));
    }

    ApiResponse connector(Call call) {
        ConnectCluster c = cluster(call.param("id"));
        String name = call.param("name");
        StoredConnector s = stores.connectors().get(c.id(), name)
                .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found"));
        Frame frame = Frame.of(name, List.of(Crumb.environment(c.environment()), Crumb.cluster(c)), name)
                .as(signedIn(call));
        long before = Long.MAX_VALUE;
        try {
            String asked = call.query(HISTORY_BEFORE);
            before = asked == null ? Long.MAX_VALUE : Math.max(1, Long.parseLong(asked));
        } catch (NumberFormatException e) {
            // a mangled link: the newest changes
        }
        Page<HistoryEntry> history = stores.connectors().historyPage(c.id(), name, before, HISTORY_PAGE);
        HistoryEntry older = null;
        String olderPath = null;
        if (history.nextAfter() != null) {
            long last = Long.parseLong(history.nextAfter());
            older = stores.connectors().historyPage(c.id(), name, last, 1).items().stream().findFirst().orElse(null);
            olderPath = Paths.connector(c.id(), name) + "?" + HISTORY_BEFORE + "=" + last + "#history";
        }
        List<ConnectorView.TopicLink> topics = stores.connectors().topics(c.id(), name)
                .map(list -> list.stream().map(t -> new ConnectorView.TopicLink(t,
                        Paths.topic(c.usmKafkaClusterId(), t))).toList())
                .orElse(null);
        return LiveRefresh.conditional(call, Templates.page(200, "connector.jte", ConnectorView.of(frame, s,
                Timeline.of(history.items(), older), history.totalSize(), olderPath,
                Paths.connector(c.id(), name) + "/purge-history", formToken(call.caller()), topics)));
    }

    /** The connectors of every Connect cluster of a Kafka cluster that use a topic (lineage), paged by the query. */
    ApiResponse topic(Call call) {
        String kafkaId = call.param("kafka_id");
        KafkaCluster k = stores.registrations().kafkaCluster(kafkaId)
                .orElseThrow(() -> UsmApiException.notFound("USM Kafka cluster \"" + kafkaId + "\" not found"));
        String topic = call.param("topic");
        if (!TopicNames.isLegal(topic)) {
            throw UsmApiException.notFound("no topic \"" + topic + "\"");
        }
        String after = call.query(TOPIC_AFTER) == null ? "" : call.query(TOPIC_AFTER);
        Page<TopicUser> users;
        try {
            users = stores.connectors().topicUsers(k.id(), topic, after, Page.MAX_SIZE);
        } catch (IllegalArgumentException e) {
            users = stores.connectors().topicUsers(k.id(), topic, "", Page.MAX_SIZE); // a mangled link: the first page
        }
        Frame frame = Frame.of(topic, List.of(Crumb.environment(k.environment())), topic).as(signedIn(call));
        List<TopicView.Line> lines = users.items().stream().map(u -> new TopicView.Line(u.name(),
                Paths.connector(u.connectClusterId(), u.name()), u.connectClusterName(), Paths.cluster(u.connectClusterId()),
                u.connectorType(), u.state())).toList();
        String next = users.nextAfter() == null ? null
                : Paths.topic(k.id(), topic) + "?" + TOPIC_AFTER + "=" + Html.url(users.nextAfter());
        return Templates.page(200, "topic.jte", new TopicView(frame, topic, k.displayName(), lines, users.totalSize(),
                next));
    }

    private ClusterHealth health(ConnectCluster c, Map<String, ConnectorCounts> counts,
                                 Map<String, List<ClusterReport>> reports, Instant now) {
        return ClusterHealth.of(counts.get(c.id()), reports.getOrDefault(c.id(), List.of()), now,
                settings.staleAfter());
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

    private static final String TOPIC_AFTER = "after";

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
