package io.connectusm.endpoint.web;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static io.connectusm.endpoint.TestEvents.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;

/**
 * The console's lists and roll-ups over real HTTPS, with 232 connectors on one cluster of which one is FAILED and
 * one RUNNING with a FAILED task: failing first, filters, search, sorts and keyset paging by plain GET links;
 * truthful counts at cluster, environment and home level; last heard and stale (the resync interval set to 1 s,
 * so stale after 2 s); a timeline that says what changed; ETags that answer 304; the script served from the jar.
 */
class ConsoleListTest {

    static final EventCodec CODEC = new EventCodec();
    static final Instant T0 = Instant.now().minusSeconds(60);
    static final Pattern ROW = Pattern.compile("<tr(?: class=\"failing\")?><td><a href=\"[^\"]+\">([^<]+)</a>");

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of("cluster.resync.interval.ms", "1000"));
    static final ClusterRef BIG = new ClusterRef("kafka-list", "connect-big");
    static final ClusterRef TIMELINE = new ClusterRef("kafka-tl", "connect-tl");
    static String big;
    static String quiet;
    static String timeline;

    @BeforeAll
    static void start() {
        endpoint.registerKafka("env-list", "kafka-list");
        assertThat(endpoint.registerConnect("env-list", "kafka-list", "connect-big").statusCode()).isEqualTo(201);
        assertThat(endpoint.registerConnect("env-list", "kafka-list", "connect-quiet").statusCode()).isEqualTo(201);
        endpoint.registerKafka("env-tl", "kafka-tl");
        assertThat(endpoint.registerConnect("env-tl", "kafka-tl", "connect-tl").statusCode()).isEqualTo(201);
        timeline = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-tl", null,
                endpoint.admin)).get("data").get(0).get("id").asText();
        for (var c : TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-list", null,
                endpoint.admin)).get("data")) {
            if (c.get("confluent_platform_connect_cluster_id").asText().equals("connect-big")) {
                big = c.get("id").asText();
            } else {
                quiet = c.get("id").asText();
            }
        }
        List<MetadataEvent> events = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            String name = String.format("c-%03d", i);
            if (i == 117) {
                events.add(snapshot(BIG, name, T0, i, ConnectorState.FAILED, List.of(), Map.of("topic", name)));
            } else if (i == 42) {
                events.add(snapshot(BIG, name, T0, i, ConnectorState.RUNNING, List.of(task(0,
                        ConnectorState.RUNNING), task(1, ConnectorState.FAILED)), Map.of("topic", name)));
            } else {
                events.add(snapshot(BIG, name, T0, i, ConnectorState.RUNNING, List.of(task(0,
                        ConnectorState.RUNNING)), Map.of("topic", name)));
            }
        }
        events.add(snapshot(BIG, "zz-paused", T0, 300, ConnectorState.PAUSED, List.of(), Map.of("topic", "p")));
        events.add(snapshot(BIG, "c-Mixed", T0, 301, ConnectorState.RUNNING, List.of(), Map.of("topic", "m")));
        post(events);
    }

    private static void post(List<MetadataEvent> events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static String page(String path) {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static String cluster(String query) {
        return page("/ui/connect-clusters/" + big + query);
    }

    private static List<String> rows(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String href(String html, String text) {
        Matcher m = Pattern.compile("<a (?:rel=\"next\" )?href=\"([^\"]+)\">" + Pattern.quote(text)).matcher(html);
        assertThat(m.find()).as("a link \"%s\"", text).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void theFailingConnectorsComeFirstThenTheRestByNameAPageAtATime() {
        String first = cluster("");

        List<String> rows = rows(first);
        assertThat(rows).hasSize(ListControls.PAGE_SIZE);
        assertThat(rows.subList(0, 4)).containsExactly("c-042", "c-117", "c-000", "c-001");
        assertThat(first).contains("<tr class=\"failing\"><td><a href=\"/ui/connect-clusters/" + big
                + "/connectors/c-042\">").contains("Showing 1–50 of 232<");

        String second = page(href(first, "Next 50"));
        assertThat(rows(first).get(ListControls.PAGE_SIZE - 1)).isEqualTo("c-048"); // c-042 came first
        assertThat(rows(second).get(0)).isEqualTo("c-049");
        assertThat(second).contains("Showing 51–100 of 232<").contains(">First page</a>");
        String last = second;
        for (int i = 0; i < 3; i++) {
            last = page(href(last, "Next 50"));
        }
        assertThat(last).contains("Showing 201–232 of 232<").doesNotContain("rel=\"next\"");
        assertThat(rows(last)).endsWith("zz-paused");
    }

    @Test
    void countsTellTheTruthAboutConnectorsWithFailedTasks() {
        String page = cluster("");

        assertThat(page).contains("<span>232 connectors:</span> <a class=\"count\" href=\"/ui/connect-clusters/"
                + big + "?state=FAILED\"><span class=\"state state-failed\">FAILED</span> 1</a> <a class=\"count\" "
                + "href=\"/ui/connect-clusters/" + big + "?state=RUNNING\"><span class=\"state state-running\">"
                + "RUNNING</span> 230</a> <a class=\"count\" href=\"/ui/connect-clusters/" + big + "?state=PAUSED\">"
                + "<span class=\"state state-paused\">PAUSED</span> 1</a> <a class=\"badge badge-bad\" href=\""
                + "/ui/connect-clusters/" + big + "?state=failing\">2 failing</a> <span class=\"badge badge-bad\">1 "
                + "with failed tasks</span> <span class=\"badge badge-bad\">1 failed task</span>");

        String env = page("/ui/environments/env-list");
        assertThat(env).contains("<p class=\"summary-line\">2 clusters, 232 connectors <span class=\"badge "
                + "badge-bad\">2 failing</span> <span class=\"badge badge-bad\">1 with failed tasks</span>");
        assertThat(env).contains("<td>232 <a href=\"/ui/connect-clusters/" + big + "?state=failing\" class=\"badge "
                + "badge-bad\">2 failing</a> <span class=\"badge badge-bad\">1 with failed tasks</span></td>");
        assertThat(env).contains("<code>" + endpoint.agent.key() + "</code>");

        String home = page("/ui");
        // the timeline test's connector, in another environment, may be there too: healthy by then
        assertThat(home).containsPattern("All environments: 23[23] connectors <span class=\"badge badge-bad\">2 "
                + "failing</span> <span class=\"badge badge-bad\">1 with failed tasks</span>");
        assertThat(home).containsPattern("<tr><td><a href=\"/ui/environments/env-list\">env-list</a></td><td>2 "
                + "<span class=\"badge badge-warn\">[12] stale</span></td><td>232 <span class=\"badge badge-bad\">2 "
                + "failing</span> <span class=\"badge badge-bad\">1 with failed tasks</span></td><td>1</td></tr>");
    }

    @Test
    void filtersAndSearchesByPlainGetParameters() {
        assertThat(rows(cluster("?state=FAILED"))).containsExactly("c-117");
        assertThat(cluster("?state=FAILED")).contains("Showing 1–1 of 1 matching").contains("<option value=\"FAILED\" "
                + "selected>");
        assertThat(rows(cluster("?state=failing"))).containsExactly("c-042", "c-117");
        assertThat(rows(cluster("?state=PAUSED"))).containsExactly("zz-paused");
        assertThat(rows(cluster("?q=117"))).containsExactly("c-117");
        assertThat(rows(cluster("?q=C-11"))).hasSize(10).first().isEqualTo("c-117"); // ignoring case, failing first
        assertThat(rows(cluster("?q=mixed"))).containsExactly("c-Mixed");
        assertThat(rows(cluster("?q=%25"))).isEmpty(); // a LIKE wildcard matches only itself
        assertThat(cluster("?q=%25")).contains("No connector matches.");
        assertThat(rows(cluster("?state=RUNNING&q=c-04"))).containsExactly("c-042", "c-040", "c-041", "c-043",
                "c-044", "c-045", "c-046", "c-047", "c-048", "c-049");
        // what the page does not know is ignored, never an error
        assertThat(rows(cluster("?state=%3Cx%3E&sort=bogus&page_token=garbage&start=-4")).subList(0, 2))
                .containsExactly("c-042", "c-117");
    }

    @Test
    void everyColumnSortsAndTheSameColumnAgainReverses() {
        String page = cluster("");
        assertThat(page).contains("<th scope=\"col\"><a href=\"/ui/connect-clusters/" + big + "?sort=name\">Name"
                + "<span aria-hidden=\"true\"></span></a></th>");
        String byName = page(href(page, "Name"));
        assertThat(rows(byName).subList(0, 2)).containsExactly("c-000", "c-001");
        assertThat(byName).contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/ui/connect-clusters/" + big
                + "?sort=-name\">Name<span aria-hidden=\"true\"> ▲</span></a></th>");
        assertThat(rows(page(href(byName, "Name"))).get(0)).isEqualTo("zz-paused");
        assertThat(rows(cluster("?sort=tasks_failed")).get(0)).isEqualTo("c-042");
        assertThat(rows(cluster("?sort=state")).get(0)).isEqualTo("c-117");
        assertThat(rows(cluster("?sort=-state")).get(0)).isEqualTo("c-000"); // RUNNING, the last state by name
        assertThat(rows(page(href(cluster("?sort=-name"), "Next 50"))).get(0)).isEqualTo("c-181");
        assertThat(href(cluster("?state=RUNNING"), "Failed tasks")).contains("state=RUNNING").contains(
                "sort=tasks_failed");
    }

    @Test
    void flagsAClusterStaleOnceSilentForTwoResyncIntervals() {
        String env = page("/ui/environments/env-list");
        assertThat(env).contains("<span class=\"muted\">never heard from</span> <span class=\"badge badge-warn\">"
                + "stale</span>"); // connect-quiet
        assertThat(page("/ui/connect-clusters/" + big)).contains("last heard").contains("<span class=\"muted\">"
                + "through</span> <code>" + endpoint.agent.key() + "</code>");

        post(List.of(snapshot(BIG, "c-000", T0.plusSeconds(1), 1000, ConnectorState.RUNNING, List.of(task(0,
                ConnectorState.RUNNING)), Map.of("topic", "c-000"))));
        assertThat(page("/ui/connect-clusters/" + big)).contains(">last heard under 10 s ago</time> <span class=\"muted\">"
                + "through</span>");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(page("/ui/connect-clusters/"
                + big)).containsPattern(">last heard [^<]*</time> <span class=\"badge badge-warn\">stale</span>"));
        assertThat(page("/ui")).contains("stale");
    }

    @Test
    void theTimelineSaysWhatChangedAndTheConnectorPageAnswers304WhenUnchanged() {
        ClusterRef ref = TIMELINE;
        post(List.of(snapshot(ref, "tl", T0, 0, ConnectorState.RUNNING, List.of(task(0, ConnectorState.RUNNING)),
                        Map.of("topic", "a")),
                snapshot(ref, "tl", T0.plusSeconds(1), 1, ConnectorState.PAUSED, List.of(task(0,
                        ConnectorState.PAUSED)), Map.of("topic", "a")),
                snapshot(ref, "tl", T0.plusSeconds(2), 2, ConnectorState.RUNNING, List.of(task(0,
                        ConnectorState.FAILED)), Map.of("topic", "a")),
                snapshot(ref, "tl", T0.plusSeconds(3), 3, ConnectorState.RUNNING, List.of(task(0,
                        ConnectorState.FAILED)), Map.of("topic", "b", "batch", "5"))));
        String path = "/ui/connect-clusters/" + timeline + "/connectors/tl";
        String page = page(path);

        assertThat(page).contains("<h2 id=\"history\">History <small class=\"muted\">4 changes</small></h2>");
        assertThat(page).containsSubsequence("<li>config: 2 keys (1 added, 1 changed)</li>",
                "<li class=\"diff-add\">+ <code>batch</code>", "<li>state PAUSED → RUNNING</li><li>task 0 PAUSED → "
                        + "FAILED</li>", "<li>state RUNNING → PAUSED</li><li>task 0 RUNNING → PAUSED</li>",
                "<li>created in state RUNNING</li><li>1 task: 0 RUNNING</li>");

        HttpResponse<String> first = endpoint.send("GET", path, null, endpoint.admin);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = conditional(path, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(conditional(path, "W/" + etag + ", \"other\"").statusCode())
                .isEqualTo(304);

        post(List.of(snapshot(ref, "tl", T0.plusSeconds(4), 4, ConnectorState.RUNNING, List.of(task(0,
                ConnectorState.RUNNING)), Map.of("topic", "b", "batch", "5"))));
        HttpResponse<String> changed = conditional(path, etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("<li>task 0 FAILED → RUNNING</li>");
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        // the ETag is the page's: another filter of the same list is another page
        String quietPath = "/ui/connect-clusters/" + quiet;
        assertThat(endpoint.send("GET", quietPath, null, endpoint.admin).headers().firstValue("ETag"))
                .isNotEqualTo(endpoint.send("GET", quietPath + "?state=FAILED", null, endpoint.admin).headers()
                        .firstValue("ETag"));
    }

    /** A GET of a console page with If-None-Match, signed in as the admin. */
    private static HttpResponse<String> conditional(String path, String ifNoneMatch) {
        return endpoint.sendWith("GET", path, null, null, Map.of("Cookie", endpoint.consoleCookie(TestEndpoint.basic(
                endpoint.admin.key(), endpoint.admin.secret())), "If-None-Match", ifNoneMatch));
    }

    @Test
    void theLiveRefreshScriptIsServedFromTheJarToAnyone() {
        HttpResponse<String> r = endpoint.sendWith("GET", LiveRefresh.SCRIPT_PATH, null, null, Map.of());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.body()).contains("If-None-Match").contains("[data-live]").doesNotContain("eval(")
                .doesNotContain("innerHTML = html");
    }
}
