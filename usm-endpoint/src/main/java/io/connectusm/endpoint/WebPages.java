package io.connectusm.endpoint;

import static io.connectusm.endpoint.Html.badge;
import static io.connectusm.endpoint.Html.esc;
import static io.connectusm.endpoint.Html.hidden;
import static io.connectusm.endpoint.Html.link;
import static io.connectusm.endpoint.Html.td;
import static io.connectusm.endpoint.Html.tdHtml;
import static io.connectusm.endpoint.Html.time;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.connectusm.endpoint.WebLayout.Crumb;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;

/**
 * The server-rendered web page: environments → Connect clusters (connectors, then their workers' plugins grouped
 * per plugin, a "Deregister" form) → connectors (state, tasks with their traces, masked config, history with
 * config diffs), and sighted unregistered clusters with a "Register Connect cluster" form and the equivalent
 * {@code usm connect register} command. Every page has the same header and breadcrumbs ({@link WebLayout});
 * states are colour-coded badges that keep their text; times read to the second in UTC with the precise instant
 * as a title. Forms post to {@link WebActions} and carry the caller's {@link CsrfTokens} token. Every value is
 * HTML-escaped ({@link Html}). Thread-safe (stateless over the stores).
 */
final class WebPages {

    private static final Crumb HOME = new Crumb("Environments", "/ui");

    private final RegistrationStore registrations;
    private final ConnectorStore connectors;
    private final SightingStore sightings;
    private final WorkerPluginStore plugins;

    WebPages(RegistrationStore registrations, ConnectorStore connectors, SightingStore sightings,
             WorkerPluginStore plugins) {
        this.registrations = registrations;
        this.connectors = connectors;
        this.sightings = sightings;
        this.plugins = plugins;
    }

    /**
     * Renders the page at {@code seg} (decoded path segments, starting with {@code ui}, or none for /);
     * {@code csrfToken} goes into every form.
     */
    ApiResponse render(List<String> seg, String environmentParam, String csrfToken) {
        if (seg.size() <= 1) {
            return environments(environmentParam);
        }
        if (seg.size() == 3 && seg.get(1).equals("environments")) {
            return environment(seg.get(2), csrfToken);
        }
        if (seg.size() == 3 && seg.get(1).equals("connect-clusters")) {
            return connectCluster(seg.get(2), csrfToken);
        }
        if (seg.size() == 5 && seg.get(1).equals("connect-clusters") && seg.get(3).equals("connectors")) {
            return connector(seg.get(2), seg.get(4));
        }
        throw UsmApiException.notFound("no such page");
    }

    private static String environmentPath(String env) {
        return "/ui/environments/" + url(env);
    }

    private static String clusterPath(String id) {
        return "/ui/connect-clusters/" + url(id);
    }

    private static Crumb environmentCrumb(String env) {
        return new Crumb(env, environmentPath(env));
    }

    private static Crumb clusterCrumb(ConnectCluster c) {
        return new Crumb(c.displayName(), clusterPath(c.id()));
    }

    private ApiResponse environments(String extra) {
        TreeSet<String> envs = new TreeSet<>(registrations.environments());
        if (extra != null && EndpointConfig.ENVIRONMENT_PATTERN.matcher(extra).matches()) {
            envs.add(extra);
        }
        StringBuilder b = new StringBuilder("<h1>Environments</h1>");
        if (envs.isEmpty()) {
            b.append("<p class=\"muted\">Nothing is registered yet. Open an environment by its ID below.</p>");
        } else {
            b.append("<div class=\"table-wrap\"><table><thead><tr><th>Environment</th><th>Connect clusters</th>"
                    + "</tr></thead><tbody>");
            for (String env : envs) {
                b.append("<tr>").append(tdHtml(link(environmentPath(env), env)))
                        .append(td(Integer.toString(all(env).size()))).append("</tr>");
            }
            b.append("</tbody></table></div>");
        }
        b.append("<h2>Open environment</h2><form action=\"/ui\" method=\"get\"><label>Environment ID <input "
                + "name=\"environment\" placeholder=\"env-…\"></label> <button>Go</button></form>");
        return page("Environments", List.of(Crumb.here("Environments")), b);
    }

    private ApiResponse environment(String env, String csrfToken) {
        StringBuilder b = new StringBuilder("<h1>").append(esc(env)).append(" <small>environment</small></h1>")
                .append("<h2>Connect clusters</h2>");
        List<ConnectCluster> clusters = all(env);
        if (clusters.isEmpty()) {
            b.append("<p class=\"muted\">No Connect cluster is registered in this environment.</p>");
        } else {
            b.append("<div class=\"table-wrap\"><table><thead><tr><th>Name</th><th>ID</th>"
                    + "<th>Confluent Platform Connect cluster</th><th>Confluent Platform Kafka cluster ID</th>"
                    + "<th>USM Kafka cluster ID</th><th>Cloud</th><th>Region</th><th>Registered</th></tr></thead>"
                    + "<tbody>");
            for (ConnectCluster c : clusters) {
                b.append("<tr>").append(tdHtml(link(clusterPath(c.id()), c.displayName())))
                        .append(tdHtml("<code class=\"nowrap\">" + esc(c.id()) + "</code>"))
                        .append(td(c.cpConnectClusterId()))
                        .append(td(c.cpKafkaClusterId())).append(td(c.usmKafkaClusterId()))
                        .append(td(c.cloud().name())).append(td(c.region())).append(tdHtml(time(c.createdAt())))
                        .append("</tr>");
            }
            b.append("</tbody></table></div>");
        }
        List<KafkaCluster> kafkaClusters = all(after -> registrations.listKafkaClusters(env, after, Page.MAX_SIZE));
        List<Sighting> unregistered = sightings.unregistered(env);
        b.append("<h2>Register Connect cluster</h2><p>Connect clusters an agent has seen that are not "
                + "registered here. Register one with its form, or run the command.</p>");
        if (unregistered.isEmpty()) {
            b.append("<p class=\"muted\">No unregistered Connect cluster has been seen.</p>");
        } else {
            b.append("<div class=\"table-wrap\"><table><thead><tr><th>Kafka cluster</th><th>Connect cluster</th>"
                    + "<th>Connectors</th><th>Last seen</th><th>Register</th></tr></thead><tbody>");
            for (Sighting s : unregistered) {
                String command = "usm connect register " + s.connectClusterId()
                        + " --confluent-platform-kafka-cluster " + s.kafkaClusterId() + " --environment " + env;
                b.append("<tr>").append(td(s.kafkaClusterId())).append(td(s.connectClusterId()))
                        .append(td(Integer.toString(s.connectorCount()))).append(tdHtml(time(s.lastSeen())))
                        .append("<td>").append(registerForm(env, s, kafkaClusters, csrfToken))
                        .append("<p class=\"command\">or run <code>").append(esc(command))
                        .append("</code></p></td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        return page("Environment " + env, List.of(HOME, Crumb.here(env)), b);
    }

    /** The "Register Connect cluster" form of one sighting: pick the Kafka cluster, optionally cloud and region. */
    private static String registerForm(String env, Sighting s, List<KafkaCluster> kafkaClusters, String csrfToken) {
        if (kafkaClusters.isEmpty()) {
            return "No Kafka cluster is registered in " + esc(env) + ": register it first with "
                    + "<code>usm kafka register</code>.";
        }
        StringBuilder f = new StringBuilder("<form method=\"post\" action=\"").append(environmentPath(env))
                .append("/connect-clusters\">").append(hidden(CsrfTokens.FIELD, csrfToken))
                .append(hidden(WebActions.CONNECT_CLUSTER_FIELD, s.connectClusterId()))
                .append("<label>Kafka cluster <select name=\"").append(WebActions.KAFKA_CLUSTER_FIELD).append("\">");
        for (KafkaCluster k : kafkaClusters) {
            f.append("<option value=\"").append(esc(k.cpKafkaClusterId())).append('"')
                    .append(k.cpKafkaClusterId().equals(s.kafkaClusterId()) ? " selected" : "").append('>')
                    .append(esc(k.displayName() + " (" + k.cpKafkaClusterId() + ", " + k.id() + ")"))
                    .append("</option>");
        }
        f.append("</select></label> <label>Cloud <select name=\"").append(WebActions.CLOUD_FIELD)
                .append("\"><option value=\"\" selected>the Kafka cluster's</option>");
        for (Cloud cloud : Cloud.values()) {
            f.append("<option value=\"").append(cloud.name()).append("\">").append(cloud.name()).append("</option>");
        }
        return f.append("</select></label> <label>Region <input name=\"").append(WebActions.REGION_FIELD)
                .append("\" placeholder=\"the Kafka cluster's\"></label> <button>Register Connect cluster</button>"
                        + "</form>").toString();
    }

    private List<ConnectCluster> all(String env) {
        return all(after -> registrations.listConnectClusters(env, after, Page.MAX_SIZE));
    }

    /** Every item of a paged listing, page after page. */
    private static <T> List<T> all(Function<String, Page<T>> pageAfter) {
        List<T> out = new ArrayList<>();
        String after = "";
        while (true) {
            Page<T> page = pageAfter.apply(after);
            out.addAll(page.items());
            if (page.nextToken() == null) {
                return out;
            }
            after = Page.afterId(page.nextToken());
        }
    }

    private ConnectCluster cluster(String id) {
        return registrations.connectCluster(id)
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
    }

    private ApiResponse connectCluster(String id, String csrfToken) {
        ConnectCluster c = cluster(id);
        StringBuilder b = new StringBuilder("<h1>").append(esc(c.displayName())).append(" <small>")
                .append(esc(c.id())).append("</small></h1><div class=\"table-wrap\"><table class=\"facts\"><tbody>")
                .append(fact("Confluent Platform Connect cluster", esc(c.cpConnectClusterId())))
                .append(fact("Confluent Platform Kafka cluster", esc(c.cpKafkaClusterId()) + " <span class=\"muted\">("
                        + esc(c.usmKafkaClusterId()) + ")</span>"))
                .append(fact("Cloud, region", esc(c.cloud().name() + ", " + c.region())))
                .append(fact("Registered", time(c.createdAt()))).append("</tbody></table></div>");

        List<StoredConnector> list = connectors.list(id);
        b.append("<h2>Connectors</h2>");
        if (list.isEmpty()) {
            b.append("<p class=\"muted\">No connector reported yet.</p>");
        } else {
            b.append(stateSummary(list)).append("<div class=\"table-wrap\"><table><thead><tr><th>Name</th>"
                    + "<th>Type</th><th>State</th><th>Tasks</th><th>Trace</th><th>Last change</th></tr></thead>"
                    + "<tbody>");
            for (StoredConnector s : list) {
                long failed = s.tasks().stream().filter(t -> t.state() == ConnectorState.FAILED).count();
                String tasks = s.tasksRunning() + " of " + s.tasks().size() + " running";
                b.append("<tr>").append(tdHtml(link(clusterPath(id) + "/connectors/" + url(s.name()), s.name())))
                        .append(td(s.connectorType())).append(tdHtml(Html.state(s.state())))
                        .append(tdHtml("<span class=\"nowrap\">" + esc(tasks) + "</span>"
                                + (failed > 0 ? " " + badge("bad", failed + " failed") : "")))
                        .append(tdHtml(s.tracePresent() ? link(clusterPath(id) + "/connectors/" + url(s.name())
                                + "#trace", "yes") : ""))
                        .append(tdHtml(time(s.lastChange()))).append("</tr>");
            }
            b.append("</tbody></table></div>");
        }

        b.append(pluginsSection(PluginOverview.of(plugins.list(id))));

        b.append("<section class=\"danger\"><h2>Deregister</h2><p>Deregistering removes this cluster, its "
                + "connectors and their history; its agent's events are rejected from then on. Type the cluster's "
                + "name, <b>").append(esc(c.displayName())).append("</b>, to confirm.</p><form method=\"post\" "
                        + "action=\"").append(clusterPath(id)).append("/deregister\">")
                .append(hidden(CsrfTokens.FIELD, csrfToken)).append("<label>Cluster name <input name=\"")
                .append(WebActions.CONFIRM_NAME_FIELD).append("\" autocomplete=\"off\" required></label> "
                        + "<button>Deregister</button></form></section>");
        return page(c.displayName(), List.of(HOME, environmentCrumb(c.environment()), Crumb.here(c.displayName())), b);
    }

    /** "6 connectors: RUNNING 3, FAILED 1, …" as badges, in the enum's order. */
    private static String stateSummary(List<StoredConnector> list) {
        Map<ConnectorState, Long> counts = new EnumMap<>(ConnectorState.class);
        long other = 0;
        for (StoredConnector s : list) {
            ConnectorState known = known(s.state());
            if (known == null) {
                other++;
            } else {
                counts.merge(known, 1L, Long::sum);
            }
        }
        StringBuilder b = new StringBuilder("<div class=\"summary-line\"><span>").append(list.size())
                .append(list.size() == 1 ? " connector:" : " connectors:").append("</span>");
        counts.forEach((state, n) -> b.append(' ').append(Html.state(state.name())).append(" <span>").append(n)
                .append("</span>"));
        if (other > 0) {
            b.append(' ').append(Html.state("other")).append(" <span>").append(other).append("</span>");
        }
        return b.append("</div>").toString();
    }

    private static ConnectorState known(String state) {
        for (ConnectorState s : ConnectorState.values()) {
            if (s.name().equals(state)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The plugins, after the connectors and folded: one row per (class, type, version) with "on N of M workers",
     * the workers whose plugin set differs from the most common one, and one row per worker.
     */
    private static String pluginsSection(PluginOverview overview) {
        int m = overview.workers().size();
        StringBuilder b = new StringBuilder("<details class=\"section\" id=\"plugins\"><summary>Plugins <span "
                + "class=\"muted\">").append(overview.plugins().size()).append(overview.plugins().size() == 1
                ? " plugin" : " plugins").append(" on ").append(m).append(m == 1 ? " worker" : " workers")
                .append("</span>");
        if (!overview.deviations().isEmpty()) {
            int d = overview.deviations().size();
            b.append(' ').append(badge("warn", d + (d == 1 ? " worker differs" : " workers differ")));
        }
        b.append("</summary>");
        if (m == 0) {
            return b.append("<p class=\"muted\">No worker has reported its plugins yet.</p></details>").toString();
        }
        if (!overview.deviations().isEmpty()) {
            b.append("<h3>Workers that differ</h3><p class=\"muted\">Compared with the plugin set most workers "
                    + "have.</p><div class=\"table-wrap\"><table><thead><tr><th>Worker</th><th>Lacks</th>"
                    + "<th>Has in addition</th></tr></thead><tbody>");
            for (PluginOverview.Deviation d : overview.deviations()) {
                b.append("<tr>").append(td(d.workerId())).append(tdHtml(pluginList(d.missing())))
                        .append(tdHtml(pluginList(d.extra()))).append("</tr>");
            }
            b.append("</tbody></table></div>");
        }
        b.append("<h3>Plugins</h3><div class=\"table-wrap\"><table><thead><tr><th>Class</th><th>Type</th>"
                + "<th>Version</th><th>Workers</th></tr></thead><tbody>");
        for (PluginOverview.Plugin p : overview.plugins()) {
            int n = p.workerIds().size();
            String on = "on " + n + " of " + m + (m == 1 ? " worker" : " workers");
            b.append("<tr>").append(tdHtml("<code>" + esc(p.descriptor().className()) + "</code>"))
                    .append(td(p.descriptor().type()))
                    .append(p.descriptor().version() == null ? tdHtml("<span class=\"muted\">none</span>")
                            : td(p.descriptor().version()))
                    .append(n == m ? td(on) : tdHtml(badge("warn", on) + " " + whichWorkers(p, overview)))
                    .append("</tr>");
        }
        b.append("</tbody></table></div><h3>Workers</h3><div class=\"table-wrap\"><table><thead><tr><th>Worker</th>"
                + "<th>Kafka version</th><th>Plugins</th><th>Reported</th></tr></thead><tbody>");
        for (WorkerPluginList w : overview.workers()) {
            b.append("<tr>").append(td(w.workerId())).append(td(w.kafkaVersion()))
                    .append(tdHtml(w.plugins().size() + (overview.differs(w.workerId()) ? " "
                            + badge("warn", "differs") : ""))).append(tdHtml(time(w.reportedAt()))).append("</tr>");
        }
        return b.append("</tbody></table></div></details>").toString();
    }

    /** The shorter of "only on: …" and "not on: …" for a plugin that some workers lack. */
    private static String whichWorkers(PluginOverview.Plugin p, PluginOverview overview) {
        List<String> lacking = overview.workers().stream().map(WorkerPluginList::workerId)
                .filter(w -> !p.workerIds().contains(w)).toList();
        return p.workerIds().size() <= lacking.size()
                ? "<span class=\"muted\">only on</span> " + esc(String.join(", ", p.workerIds()))
                : "<span class=\"muted\">not on</span> " + esc(String.join(", ", lacking));
    }

    private static String pluginList(List<PluginDescriptor> list) {
        if (list.isEmpty()) {
            return "";
        }
        return list.stream().map(p -> "<li><code>" + esc(p.className()) + "</code> " + esc(p.type())
                + (p.version() == null ? "" : " " + esc(p.version())) + "</li>")
                .collect(Collectors.joining("", "<ul class=\"diff\">", "</ul>"));
    }

    private static String fact(String header, String html) {
        return "<tr><th>" + esc(header) + "</th><td>" + html + "</td></tr>";
    }

    /** A short page with a message, e.g. why a form was refused. */
    static ApiResponse message(int status, String title, String text, String backPath) {
        return WebLayout.page(status, title, List.of(HOME, Crumb.here(title)), "<h1>" + esc(title) + "</h1><p>"
                + esc(text) + "</p><p>" + link(backPath, "Back") + "</p>");
    }

    private ApiResponse connector(String id, String name) {
        ConnectCluster c = cluster(id);
        StoredConnector s = connectors.get(id, name)
                .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found"));
        StringBuilder b = new StringBuilder("<h1>").append(esc(name)).append(" <small>connector</small></h1>")
                .append("<div class=\"table-wrap\"><table class=\"facts\"><tbody>")
                .append(fact("State", Html.state(s.state()))).append(fact("Class", "<code>"
                        + esc(s.connectorClass()) + "</code>"))
                .append(fact("Type", esc(s.connectorType()))).append(fact("Worker", esc(s.workerId())))
                .append(fact("Tasks", esc(s.tasksRunning() + " of " + s.tasks().size() + " running")))
                .append(fact("Last change", time(s.lastChange()))).append("</tbody></table></div>");
        if (s.trace() != null) {
            b.append("<h2 id=\"trace\">Trace</h2>").append(Html.trace(s.trace()));
        }
        b.append("<h2 id=\"tasks\">Tasks</h2>");
        if (s.tasks().isEmpty()) {
            b.append("<p class=\"muted\">No tasks.</p>");
        } else {
            b.append("<div class=\"table-wrap\"><table><thead><tr><th>Task</th><th>State</th><th>Worker</th>"
                    + "<th>Trace</th></tr></thead><tbody>");
            for (TaskSnapshot t : s.tasks()) {
                b.append("<tr>").append(td(Integer.toString(t.id()))).append(tdHtml(Html.state(t.state().name())))
                        .append(t.workerId() == null ? tdHtml("<span class=\"muted\">unassigned</span>")
                                : td(t.workerId()))
                        .append(tdHtml(Html.trace(t.trace()))).append("</tr>");
            }
            b.append("</tbody></table></div>");
        }
        long maskedCount = s.config().entrySet().stream()
                .filter(e -> s.maskedKeys().contains(e.getKey()) || Html.isMasked(e.getValue())).count();
        b.append("<h2>Configuration</h2><p class=\"muted\">").append(maskedCount)
                .append(maskedCount == 1 ? " value is" : " values are").append(" masked: secrets never leave the "
                        + "worker.</p><div class=\"table-wrap\"><table><thead><tr><th>Key</th><th>Value</th></tr>"
                        + "</thead><tbody>");
        s.config().forEach((k, v) -> b.append("<tr>").append(tdHtml("<code>" + esc(k) + "</code>"))
                .append(tdHtml(Html.configValue(v, s.maskedKeys().contains(k)))).append("</tr>"));
        b.append("</tbody></table></div><h2>History</h2><div class=\"table-wrap\"><table><thead><tr><th>Time</th>"
                + "<th>Change</th><th>State</th><th>Config diff</th></tr></thead><tbody>");
        for (HistoryEntry h : connectors.history(id, name)) {
            b.append("<tr>").append(tdHtml(time(h.time()))).append(td(h.kind())).append(tdHtml(Html.state(h.state())))
                    .append(tdHtml(diff(h.diff()))).append("</tr>");
        }
        b.append("</tbody></table></div>");
        return page(name, List.of(HOME, environmentCrumb(c.environment()), clusterCrumb(c), Crumb.here(name)), b);
    }

    /** A config diff, one line per key: {@code + key = v}, {@code - key = v}, {@code ~ key: old → new}. */
    private static String diff(List<ConfigDiff.Change> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"diff\">");
        for (ConfigDiff.Change change : changes) {
            String key = "<code>" + esc(change.key()) + "</code>";
            b.append(switch (change.kind()) {
                case ADDED -> "<li class=\"diff-add\">+ " + key + " = " + diffValue(change.newValue()) + "</li>";
                case REMOVED -> "<li class=\"diff-remove\">- " + key + " = " + diffValue(change.oldValue()) + "</li>";
                case CHANGED -> "<li class=\"diff-change\">~ " + key + ": " + diffValue(change.oldValue()) + " → "
                        + diffValue(change.newValue()) + "</li>";
            });
        }
        return b.append("</ul>").toString();
    }

    private static String diffValue(String value) {
        return Html.configValue(value, false);
    }

    private static ApiResponse page(String title, List<Crumb> crumbs, CharSequence body) {
        return WebLayout.page(200, title, crumbs, body);
    }

    /** Encodes one path segment; see {@link Html#url}. */
    static String url(String segment) {
        return Html.url(segment);
    }
}
