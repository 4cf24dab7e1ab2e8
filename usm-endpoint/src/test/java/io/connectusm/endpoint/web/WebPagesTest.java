package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.TestEvents;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.WorkerPlugins;

/**
 * The web page's HTML as a browser gets it over real HTTPS: plugins grouped per plugin, times to the second in UTC,
 * colour-coded states that keep their text, folded traces, masked values, breadcrumbs, escaping and a CSP that
 * allows the one stylesheet by hash. No browser needed.
 */
class WebPagesTest {

    static final EventCodec CODEC = new EventCodec();
    static final Instant PRECISE = Instant.parse("2026-11-20T23:39:28.338556136Z");
    static final PluginDescriptor FILE_SOURCE = new PluginDescriptor(
            "org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "3.9.0");
    static final PluginDescriptor JDBC_SINK = new PluginDescriptor("io.confluent.connect.jdbc.JdbcSinkConnector",
            "sink", "10.8.0");
    static final PluginDescriptor JDBC_SINK_OLD = new PluginDescriptor("io.confluent.connect.jdbc.JdbcSinkConnector",
            "sink", "10.7.0");
    static final PluginDescriptor CAST = new PluginDescriptor("org.apache.kafka.connect.transforms.Cast$Value",
            "transformation", null);
    static final String TRACE = "org.apache.kafka.connect.errors.ConnectException: <script>alert(1)</script> & down\n"
            + "\tat org.example.Task.poll(Task.java:42)";

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();
    static ClusterRef ref = new ClusterRef("kafka-pages", "connect-pages");
    static String usmcc;

    @BeforeAll
    static void start() throws Exception {
        endpoint.registerKafka("env-pages", ref.kafkaClusterId());
        usmcc = TestEndpoint.json(endpoint.send("POST", "/usm/v1/connect-clusters",
                "{\"confluent_platform_connect_cluster_id\":\"connect-pages\",\"kafka_cluster_id\":\"kafka-pages\","
                        + "\"display_name\":\"prod <b>eu</b>\",\"environment\":{\"id\":\"env-pages\"}}",
                endpoint.admin))
                .get("id").asText();
        List<MetadataEvent> events = new ArrayList<>();
        long seq = 0;
        // a and b agree; c lacks Cast and has an older JDBC sink; the odd worker ID must be escaped
        events.add(plugins("worker-a:8083", seq++, FILE_SOURCE, JDBC_SINK, CAST));
        events.add(plugins("worker-b:8083", seq++, FILE_SOURCE, JDBC_SINK, CAST));
        events.add(plugins("worker-<c>:8083", seq++, FILE_SOURCE, JDBC_SINK_OLD));
        int i = 0;
        for (ConnectorState state : ConnectorState.values()) {
            List<TaskSnapshot> tasks = List.of(new TaskSnapshot(0, state, "worker-a:8083",
                    state == ConnectorState.FAILED ? TRACE : null));
            events.add(snapshot("c-" + state.name().toLowerCase(), PRECISE.plusSeconds(i++), seq++, state, tasks,
                    Map.of("topic", "orders", "db.password", ConnectorSnapshot.MASKED_VALUE,
                            "note", "<script>alert(2)</script>")));
        }
        events.add(snapshot("<img src=x onerror=alert(3)>", PRECISE, seq++, ConnectorState.RUNNING, List.of(),
                Map.of("topic", "t")));
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static MetadataEvent plugins(String worker, long sequence, PluginDescriptor... plugins) {
        return new MetadataEvent(UUID.randomUUID().toString(), ref, worker, TestEvents.EPOCH, sequence, PRECISE,
                new WorkerPlugins(worker, "3.9.0", List.of(plugins)));
    }

    private static MetadataEvent snapshot(String name, Instant time, long sequence, ConnectorState state,
                                          List<TaskSnapshot> tasks, Map<String, String> config) {
        TreeMap<String, String> masked = new TreeMap<>(config);
        TreeSet<String> maskedKeys = new TreeSet<>();
        config.forEach((k, v) -> {
            if (v.equals(ConnectorSnapshot.MASKED_VALUE)) {
                maskedKeys.add(k);
            }
        });
        return new MetadataEvent(UUID.randomUUID().toString(), ref, "worker-a:8083", TestEvents.EPOCH, sequence, time,
                name, ConnectorSnapshot.builder()
                        .name(name)
                        .connectorClass("org.example.Connector")
                        .connectorType(ConnectorType.SOURCE)
                        .state(state)
                        .workerId("worker-a:8083")
                        .trace(state == ConnectorState.FAILED ? TRACE : null)
                        .tasks(tasks)
                        .config(masked)
                        .maskedKeys(maskedKeys)
                        .configFingerprint(ConfigFingerprint.of(masked))
                        .cause(ChangeCause.CONFIG_UPDATED)
                        .build());
    }

    private static HttpResponse<String> get(String path) {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r;
    }

    private static String clusterPage() {
        return get("/ui/connect-clusters/" + usmcc).body();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void groupsPluginsPerPluginWithWorkerCountsAfterTheConnectorsInACollapsedSection() {
        String page = clusterPage();

        int connectorsAt = page.indexOf("<h2 id=\"connectors\">Connectors</h2>");
        int pluginsAt = page.indexOf("<details class=\"section\" id=\"plugins\"><summary>Plugins");
        assertThat(connectorsAt).isPositive();
        assertThat(pluginsAt).isGreaterThan(connectorsAt);
        // one row per (class, type, version), not per worker
        assertThat(count(page, "<tr><td><code>" + FILE_SOURCE.className() + "</code></td>")).isEqualTo(1);
        assertThat(page).contains("<tr><td><code>" + FILE_SOURCE.className() + "</code></td><td>source</td>"
                + "<td>3.9.0</td><td>on 3 of 3 workers</td></tr>");
        assertThat(page).contains("<tr><td><code>" + JDBC_SINK.className() + "</code></td><td>sink</td>"
                + "<td>10.8.0</td><td><span class=\"badge badge-warn\">on 2 of 3 workers</span> <span class=\"muted\">"
                + "not on</span> worker-&lt;c&gt;:8083</td></tr>");
        assertThat(page).contains("<td>10.7.0</td><td><span class=\"badge badge-warn\">on 1 of 3 workers</span> "
                + "<span class=\"muted\">only on</span> worker-&lt;c&gt;:8083</td>");
        assertThat(page).contains("<code>org.apache.kafka.connect.transforms.Cast$Value</code></td>"
                + "<td>transformation</td><td><span class=\"muted\">none</span></td>");
        // 4 distinct plugins on 3 workers, and the one odd worker is flagged with what it lacks and has extra
        assertThat(page).contains("4 plugins on 3 workers</span> <span class=\"badge badge-warn\">1 worker differs"
                + "</span></summary>");
        assertThat(page).contains("<tr><td>worker-&lt;c&gt;:8083</td><td><ul class=\"diff\"><li><code>"
                + JDBC_SINK.className() + "</code> sink 10.8.0</li><li><code>" + CAST.className()
                + "</code> transformation</li></ul></td><td><ul class=\"diff\"><li><code>" + JDBC_SINK.className()
                + "</code> sink 10.7.0</li></ul></td></tr>");
        assertThat(page).contains("<tr><td>worker-&lt;c&gt;:8083</td><td>3.9.0</td><td>2 <span class=\"badge "
                + "badge-warn\">differs</span></td>").contains("<tr><td>worker-a:8083</td><td>3.9.0</td><td>3</td>");
        assertThat(page).doesNotContain("<details open").doesNotContain("worker-<c>");
    }

    @Test
    void showsTimesToTheSecondInUtcWithThePreciseInstantAsTitle() {
        String cluster = clusterPage();
        String connector = get("/ui/connect-clusters/" + usmcc + "/connectors/c-unassigned").body();

        String expected = "<time datetime=\"2026-11-20T23:39:28.338556136Z\" title=\"2026-11-20T23:39:28.338556136Z\">"
                + "2026-11-20 23:39:28 UTC</time>";
        assertThat(cluster).contains(expected);
        assertThat(connector).contains(expected);
        // the nanosecond form only ever appears inside attributes
        assertThat(withoutTimeAttributes(cluster)).doesNotContain("338556136");
        assertThat(withoutTimeAttributes(connector)).doesNotContain("338556136");
    }

    private static String withoutTimeAttributes(String page) {
        return page.replaceAll(" (datetime|title)=\"[^\"]*\"", "");
    }

    @Test
    void colourCodesEveryStateAndKeepsItsText() {
        String page = clusterPage();

        for (ConnectorState state : ConnectorState.values()) {
            assertThat(page).contains("<span class=\"state state-" + state.name().toLowerCase() + "\">" + state.name()
                    + "</span>");
        }
        assertThat(page).contains("<span class=\"badge badge-bad\">1 failed</span>");
    }

    @Test
    void foldsTracesIntoDetailsAndBadgesMaskedValues() {
        String page = get("/ui/connect-clusters/" + usmcc + "/connectors/c-failed").body();

        String folded = "<details class=\"trace\"><summary>org.apache.kafka.connect.errors.ConnectException: "
                + "&lt;script&gt;alert(1)&lt;/script&gt; &amp; down</summary><pre>org.apache.kafka.connect.errors."
                + "ConnectException: &lt;script&gt;alert(1)&lt;/script&gt; &amp; down\n\tat org.example.Task.poll("
                + "Task.java:42)</pre></details>";
        assertThat(page).contains("<tr><td>0</td><td><span class=\"state state-failed\">FAILED</span></td>"
                + "<td>worker-a:8083</td><td>" + folded + "</td></tr>");
        assertThat(page).contains("<h2 id=\"trace\">Trace</h2>" + folded);
        assertThat(page).contains("<tr><td><code>db.password</code></td><td><code class=\"masked\">********</code> "
                + "<span class=\"badge badge-muted\">masked</span></td></tr>");
        assertThat(page).contains("<tr><td><code>topic</code></td><td><code>orders</code></td></tr>");
        assertThat(page).contains("1 value is masked");
        // the history's diff badges the masked value too
        assertThat(page).contains("<li class=\"diff-add\">+ <code>db.password</code> = <code class=\"masked\">"
                + "********</code> <span class=\"badge badge-muted\">masked</span></li>");
        assertThat(page).contains("&lt;script&gt;alert(2)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void everyPageHasTheHeaderAndBreadcrumbsDownToItself() {
        String header = "<header><div><a href=\"/ui\">connect-usm</a> <span>USM endpoint</span>";
        String clusterLink = "<a href=\"/ui/connect-clusters/" + usmcc + "\">prod &lt;b&gt;eu&lt;/b&gt;</a>";

        assertThat(get("/ui").body()).contains(header).contains("<ol><li><span aria-current=\"page\">Environments"
                + "</span></li></ol>").contains("<a href=\"/ui/environments/env-pages\">env-pages</a>");
        assertThat(get("/ui/environments/env-pages").body()).contains(header)
                .contains("<ol><li><a href=\"/ui\">Environments</a></li><li><span aria-current=\"page\">env-pages"
                        + "</span></li></ol>").contains(clusterLink);
        assertThat(clusterPage()).contains(header).contains("<ol><li><a href=\"/ui\">Environments</a></li><li><a "
                + "href=\"/ui/environments/env-pages\">env-pages</a></li><li><span aria-current=\"page\">prod "
                + "&lt;b&gt;eu&lt;/b&gt;</span></li></ol>");
        assertThat(get("/ui/connect-clusters/" + usmcc + "/connectors/c-paused").body()).contains(header)
                .contains("<ol><li><a href=\"/ui\">Environments</a></li><li><a href=\"/ui/environments/env-pages\">"
                        + "env-pages</a></li><li>" + clusterLink + "</li><li><span aria-current=\"page\">c-paused"
                        + "</span></li></ol>");
    }

    @Test
    void escapesNamesInLinksTitlesAndText() {
        String cluster = clusterPage();
        String connector = get("/ui/connect-clusters/" + usmcc + "/connectors/" + Html.url(
                "<img src=x onerror=alert(3)>")).body();

        assertThat(cluster).contains("<a href=\"/ui/connect-clusters/" + usmcc + "/connectors/"
                + "%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E\">&lt;img src=x onerror=alert(3)&gt;</a>")
                .doesNotContain("<img").doesNotContain("<b>eu");
        assertThat(connector).contains("<title>&lt;img src=x onerror=alert(3)&gt; · connect-usm</title>")
                .doesNotContain("<img");
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyTheOneStylesheetByItsHashAndScriptsOfThisOrigin() throws Exception {
        for (String path : List.of("/ui", "/ui/environments/env-pages", "/ui/connect-clusters/" + usmcc,
                "/ui/connect-clusters/" + usmcc + "/connectors/c-failed")) {
            HttpResponse<String> r = get(path);
            Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(r.body());
            assertThat(style.find()).isTrue();
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));

            assertThat(r.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; style-src "
                    + "'sha256-" + hash + "'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri "
                    + "'none'; frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(style.find()).as("one <style> element only").isFalse();
            // one script element, the live refresh's from the jar: nothing inline
            assertThat(r.body()).containsOnlyOnce("<script").contains("<script src=\"/ui/static/console.js\" defer>"
                    + "</script>").doesNotContain(" style=\"").doesNotContain("unsafe-inline").doesNotContainPattern("<[^>]* on[a-z]+=");
        }
    }

    @Test
    void aRefusedFormPageHasTheSameFrame() {
        HttpResponse<String> r = endpoint.sendRaw("POST", "/ui/connect-clusters/" + usmcc + "/deregister",
                "confirm_name=x", TestEndpoint.basic(endpoint.admin.key(), endpoint.admin.secret()),
                "application/x-www-form-urlencoded");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<a href=\"/ui\">connect-usm</a>").contains("<nav class=\"crumbs\"");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("style-src 'sha256-"));
        assertThat(count(r.body(), "<style>")).isEqualTo(1);
    }

    /** Two workers keep reporting a task differently: the page and the API say so, the odd worker ID escaped. */
    @Test
    void showsWhenWorkersDisagreeOnTheConnectorPageAndInTheApi() {
        ClusterRef disputed = new ClusterRef("kafka-disputed", "connect-disputed");
        endpoint.registerKafka("env-disputed", disputed.kafkaClusterId());
        String cluster = TestEndpoint.json(endpoint.send("POST", "/usm/v1/connect-clusters",
                "{\"confluent_platform_connect_cluster_id\":\"connect-disputed\",\"kafka_cluster_id\":"
                        + "\"kafka-disputed\",\"environment\":{\"id\":\"env-disputed\"}}", endpoint.admin))
                .get("id").asText();
        String stale = "worker-<b>:8083";
        List<MetadataEvent> events = List.of(
                disputedReport(disputed, "worker-a:8083", PRECISE, ChangeCause.CREATED,
                        new TaskSnapshot(0, ConnectorState.RUNNING, "worker-a:8083", null)),
                disputedReport(disputed, stale, PRECISE.plusSeconds(300), ChangeCause.RESYNC));
        assertThat(endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON).statusCode()).isEqualTo(204);

        String page = get("/ui/connect-clusters/" + cluster + "/connectors/disputed").body();
        assertThat(page).contains("Workers disagree since <time datetime=\"" + PRECISE.plusSeconds(300) + "\"")
                .contains("worker-&lt;b&gt;:8083, worker-a:8083").doesNotContain("worker-<b>");
        com.fasterxml.jackson.databind.JsonNode json = TestEndpoint.json(get("/usm/v1/connect-clusters/" + cluster
                + "/connectors/disputed"));
        assertThat(json.get("workers_disagree").get("since").asText()).isEqualTo(PRECISE.plusSeconds(300).toString());
        assertThat(json.get("workers_disagree").get("workers")).extracting(n -> n.asText())
                .containsExactly(stale, "worker-a:8083");
        assertThat(json.get("tasks")).as("the owner's report holds").hasSize(1);
        assertThat(get("/ui/connect-clusters/" + usmcc + "/connectors/c-running").body())
                .doesNotContain("Workers disagree");
    }

    private static MetadataEvent disputedReport(ClusterRef ref, String worker, Instant time, ChangeCause cause,
                                                TaskSnapshot... tasks) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topic", "t"));
        return new MetadataEvent(UUID.randomUUID().toString(), ref, worker, TestEvents.EPOCH, 0, time, "disputed",
                ConnectorSnapshot.builder()
                        .name("disputed")
                        .connectorClass("org.example.Connector")
                        .connectorType(ConnectorType.SOURCE)
                        .state(ConnectorState.RUNNING)
                        .workerId("worker-a:8083")
                        .tasks(List.of(tasks))
                        .config(config)
                        .configFingerprint(ConfigFingerprint.of(config))
                        .cause(cause)
                        .build());
    }
}
