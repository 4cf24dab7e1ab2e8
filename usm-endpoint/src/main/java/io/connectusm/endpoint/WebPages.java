package io.connectusm.endpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;

/**
 * The server-rendered web page: environments → Connect clusters (their workers' plugins, a "Deregister" form)
 * → connectors (state, tasks, trace, masked config, history with config diffs), and sighted unregistered
 * clusters with a "Register Connect cluster" form and the equivalent {@code usm connect register} command.
 * Forms post to {@link WebActions} and carry the caller's {@link CsrfTokens} token. Every value is
 * HTML-escaped. Thread-safe (stateless over the stores).
 */
final class WebPages {

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

    private ApiResponse environments(String extra) {
        TreeSet<String> envs = new TreeSet<>(registrations.environments());
        if (extra != null && EndpointConfig.ENVIRONMENT_PATTERN.matcher(extra).matches()) {
            envs.add(extra);
        }
        StringBuilder b = new StringBuilder("<h1>Environments</h1><ul>");
        for (String env : envs) {
            b.append("<li><a href=\"/ui/environments/").append(url(env)).append("\">").append(esc(env))
                    .append("</a></li>");
        }
        b.append("</ul><form action=\"/ui\" method=\"get\">Open environment: <input name=\"environment\" "
                + "placeholder=\"env-…\"> <button>Go</button></form>");
        return page("Environments", b);
    }

    private ApiResponse environment(String env, String csrfToken) {
        StringBuilder b = new StringBuilder("<p><a href=\"/ui\">Environments</a></p><h1>Environment ")
                .append(esc(env)).append("</h1><h2>Connect clusters</h2><table><tr><th>ID</th><th>Name</th>"
                        + "<th>Confluent Platform Connect Cluster</th><th>Confluent Platform Kafka Cluster Id</th>"
                        + "<th>USM Kafka Cluster Id</th><th>Cloud</th><th>Region</th></tr>");
        for (ConnectCluster c : all(env)) {
            b.append("<tr><td><a href=\"/ui/connect-clusters/").append(url(c.id())).append("\">").append(esc(c.id()))
                    .append("</a></td>").append(td(c.displayName())).append(td(c.cpConnectClusterId()))
                    .append(td(c.cpKafkaClusterId())).append(td(c.usmKafkaClusterId())).append(td(c.cloud().name()))
                    .append(td(c.region())).append("</tr>");
        }
        List<KafkaCluster> kafkaClusters = all(after -> registrations.listKafkaClusters(env, after, Page.MAX_SIZE));
        b.append("</table><h2>Register Connect cluster</h2><p>Connect clusters an agent has seen that are not "
                + "registered here. Register one with its form, or run the command.</p><table><tr>"
                + "<th>Kafka cluster</th><th>Connect cluster</th><th>Connectors</th><th>Last seen</th>"
                + "<th>Register</th><th>Command</th></tr>");
        for (Sighting s : sightings.unregistered(env)) {
            String command = "usm connect register " + s.connectClusterId() + " --confluent-platform-kafka-cluster "
                    + s.kafkaClusterId() + " --environment " + env;
            b.append("<tr>").append(td(s.kafkaClusterId())).append(td(s.connectClusterId()))
                    .append(td(Integer.toString(s.connectorCount()))).append(td(s.lastSeen().toString()))
                    .append("<td>").append(registerForm(env, s, kafkaClusters, csrfToken)).append("</td>")
                    .append("<td><code>").append(esc(command)).append("</code></td></tr>");
        }
        b.append("</table>");
        return page("Environment " + env, b);
    }

    /** The "Register Connect cluster" form of one sighting: pick the Kafka cluster, optionally cloud and region. */
    private static String registerForm(String env, Sighting s, List<KafkaCluster> kafkaClusters, String csrfToken) {
        if (kafkaClusters.isEmpty()) {
            return "No Kafka cluster is registered in " + esc(env) + ": register it first with "
                    + "<code>usm kafka register</code>.";
        }
        StringBuilder f = new StringBuilder("<form method=\"post\" action=\"/ui/environments/").append(url(env))
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

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
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
        StringBuilder b = new StringBuilder("<p><a href=\"/ui\">Environments</a> / <a href=\"/ui/environments/")
                .append(url(c.environment())).append("\">").append(esc(c.environment())).append("</a></p><h1>")
                .append(esc(c.displayName())).append(" <small>").append(esc(c.id())).append("</small></h1>")
                .append("<table><tr><th>Name</th><th>Type</th><th>State</th><th>Tasks running</th><th>Trace</th>"
                        + "<th>Last change</th></tr>");
        for (StoredConnector s : connectors.list(id)) {
            b.append("<tr><td><a href=\"/ui/connect-clusters/").append(url(id)).append("/connectors/")
                    .append(url(s.name())).append("\">").append(esc(s.name())).append("</a></td>")
                    .append(td(s.connectorType())).append(td(s.state()))
                    .append(td(s.tasksRunning() + "/" + s.tasks().size())).append(td(s.tracePresent() ? "yes" : ""))
                    .append(td(s.lastChange().toString())).append("</tr>");
        }
        b.append("</table><h2>Plugins</h2><table><tr><th>Worker</th><th>Kafka version</th><th>Class</th>"
                + "<th>Type</th><th>Version</th><th>Reported</th></tr>");
        for (WorkerPluginList w : plugins.list(id)) {
            for (PluginDescriptor p : w.plugins()) {
                b.append("<tr>").append(td(w.workerId())).append(td(w.kafkaVersion())).append(td(p.className()))
                        .append(td(p.type())).append(td(p.version())).append(td(w.reportedAt().toString()))
                        .append("</tr>");
            }
        }
        b.append("</table><h2>Deregister</h2><p>Deregistering removes this cluster, its connectors and their "
                + "history; its agent's events are rejected from then on. Type the cluster's name, <b>")
                .append(esc(c.displayName())).append("</b>, to confirm.</p><form method=\"post\" "
                        + "action=\"/ui/connect-clusters/").append(url(id)).append("/deregister\">")
                .append(hidden(CsrfTokens.FIELD, csrfToken)).append("<label>Cluster name <input name=\"")
                .append(WebActions.CONFIRM_NAME_FIELD).append("\" autocomplete=\"off\" required></label> "
                        + "<button>Deregister</button></form>");
        return page(c.displayName(), b);
    }

    /** A short page with a message, e.g. why a form was refused. */
    static ApiResponse message(int status, String title, String text, String backPath) {
        return page(status, title, "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p><p><a href=\""
                + esc(backPath) + "\">Back</a></p>");
    }

    private ApiResponse connector(String id, String name) {
        ConnectCluster c = cluster(id);
        StoredConnector s = connectors.get(id, name)
                .orElseThrow(() -> UsmApiException.notFound("connector \"" + name + "\" not found"));
        StringBuilder b = new StringBuilder("<p><a href=\"/ui/connect-clusters/").append(url(id)).append("\">")
                .append(esc(c.displayName())).append("</a></p><h1>").append(esc(name)).append("</h1><table>")
                .append(row("Class", s.connectorClass())).append(row("Type", s.connectorType()))
                .append(row("State", s.state())).append(row("Worker", s.workerId())).append("</table>");
        if (s.trace() != null) {
            b.append("<h2>Trace</h2><pre>").append(esc(s.trace())).append("</pre>");
        }
        b.append("<h2>Tasks</h2><table><tr><th>Task ID</th><th>State</th><th>Worker</th><th>Trace</th></tr>");
        for (TaskSnapshot t : s.tasks()) {
            b.append("<tr>").append(td(Integer.toString(t.id()))).append(td(t.state().name()))
                    .append(td(t.workerId())).append("<td><pre>").append(esc(t.trace())).append("</pre></td></tr>");
        }
        b.append("</table><h2>Configuration (masked)</h2><table><tr><th>Config</th><th>Value</th></tr>");
        s.config().forEach((k, v) -> b.append("<tr>").append(td(k)).append(td(v)).append("</tr>"));
        b.append("</table><h2>History</h2><table><tr><th>Time</th><th>Change</th><th>State</th>"
                + "<th>Config diff</th></tr>");
        for (HistoryEntry h : connectors.history(id, name)) {
            StringBuilder diff = new StringBuilder();
            for (ConfigDiff.Change change : h.diff()) {
                diff.append(switch (change.kind()) {
                    case ADDED -> "+ " + change.key() + " = " + change.newValue();
                    case REMOVED -> "- " + change.key() + " = " + change.oldValue();
                    case CHANGED -> "~ " + change.key() + ": " + change.oldValue() + " → " + change.newValue();
                }).append('\n');
            }
            b.append("<tr>").append(td(h.time().toString())).append(td(h.kind())).append(td(h.state()))
                    .append("<td><pre>").append(esc(diff.toString())).append("</pre></td></tr>");
        }
        b.append("</table>");
        return page(name, b);
    }

    private static String row(String header, String value) {
        return "<tr><th>" + esc(header) + "</th>" + td(value) + "</tr>";
    }

    private static String td(String value) {
        return "<td>" + esc(value) + "</td>";
    }

    private static ApiResponse page(String title, CharSequence body) {
        return page(200, title, body);
    }

    private static ApiResponse page(int status, String title, CharSequence body) {
        return ApiResponse.html(status, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                + esc(title) + " · USM endpoint</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
                + "vertical-align:top}pre{margin:0;white-space:pre-wrap}</style></head><body>" + body
                + "</body></html>")
                .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "form-action 'self'; frame-ancestors 'none'")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    static String url(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
