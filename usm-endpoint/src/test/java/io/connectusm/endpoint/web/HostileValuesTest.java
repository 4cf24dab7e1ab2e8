package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.connectusm.endpoint.http.Json;
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
 * Written to break the console's escaping: a corpus of markup, attribute breakouts, style breakouts and template
 * syntax, put into every free-text value an agent or an admin can send (cluster display names, connector names and
 * classes, config keys and values, worker IDs, traces, plugin descriptors), then every page is read as a browser
 * would get it. Each page must consist only of the templates' own tags and attributes, every attribute value
 * quoted, every link local, the stylesheet untouched; and each hostile value must still be shown, as text.
 */
class HostileValuesTest {

    static final List<String> CORPUS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "' onmouseover='alert(3)' x='",
            "</style><script>alert(4)</script>",
            "</title></textarea><svg onload=alert(5)>",
            "javascript:alert(6)",
            "&lt;b&gt;already escaped&amp;",
            "<!-- c --><b>bold</b><![CDATA[x]]>",
            "${7*7} @if(true) `tick` \\ \u2028 end");

    static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "div", "a", "span",
            "main", "nav", "ol", "ul", "li", "h1", "h2", "h3", "small", "table", "thead", "tbody", "tr", "th", "td",
            "code", "time", "details", "summary", "pre", "p", "form", "label", "input", "select", "option", "button",
            "section", "b");
    static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "name", "content", "href", "class", "aria-label",
            "aria-current", "datetime", "title", "id", "action", "method", "type", "value", "placeholder", "selected",
            "autocomplete", "required", "data-live", "data-live-status", "aria-sort", "rel", "role", "scope",
            "maxlength", "for", "aria-hidden");
    /** A tag as the templates write them: a name, then attributes, each bare or with a double-quoted value. */
    static final Pattern TAG = Pattern.compile("<(/?)([a-z][a-z0-9]*)((?:\\s[a-z-]+(?:=\"[^\"<]*\")?)*)>");
    static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-z-]+)(?:=\"([^\"]*)\")?");

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();
    static String usmcc;
    /** The first breakouts together, within the 255 characters a display name may have. */
    static final String DISPLAY_NAME = String.join("", CORPUS.subList(0, 5));

    @BeforeAll
    static void start() throws Exception {
        ClusterRef ref = new ClusterRef("kafka-hostile", "connect-hostile");
        HttpResponse<String> kafka = endpoint.send("POST", "/usm/v1/kafka-clusters", body(Map.of(
                "confluent_platform_kafka_cluster_id", "kafka-hostile", "display_name", DISPLAY_NAME, "cloud", "aws",
                "region", "us-east-1"), "env-hostile"), endpoint.admin);
        assertThat(kafka.statusCode()).as(kafka.body()).isEqualTo(201);
        HttpResponse<String> connect = endpoint.send("POST", "/usm/v1/connect-clusters", body(Map.of(
                "confluent_platform_connect_cluster_id", "connect-hostile", "kafka_cluster_id", "kafka-hostile",
                "display_name", DISPLAY_NAME), "env-hostile"), endpoint.admin);
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(201);
        usmcc = TestEndpoint.json(connect).get("id").asText();
        // a sighting so the environment page renders its register form, with the hostile Kafka display name
        assertThat(endpoint.send("POST", "/usm/v1/sightings", "{\"sightings\":[{\"kafka_cluster_id\":\"kafka-hostile\","
                + "\"connect_cluster_id\":\"connect-unregistered\",\"first_seen\":\"2026-11-20T10:00:00Z\","
                + "\"last_seen\":\"2026-11-20T10:00:00Z\",\"environment\":{\"id\":\"env-hostile\"}}]}",
                endpoint.agent).statusCode()).isEqualTo(204);

        List<MetadataEvent> events = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        long seq = 0;
        for (int i = 0; i < CORPUS.size(); i++) {
            String hostile = CORPUS.get(i);
            TreeMap<String, String> v0 = new TreeMap<>(Map.of("topic", "t", hostile, "key-" + i));
            TreeMap<String, String> v1 = new TreeMap<>(Map.of("topic", hostile, hostile, hostile));
            List<TaskSnapshot> tasks = List.of(new TaskSnapshot(0, ConnectorState.FAILED, hostile, hostile + "\n\tat x"));
            events.add(event(ref, hostile, t0, seq++, v0, List.of()));
            events.add(event(ref, hostile, t0.plusSeconds(1), seq++, v1, tasks));
            events.add(new MetadataEvent(UUID.randomUUID().toString(), ref, hostile, TestEvents.EPOCH, seq++, t0,
                    new WorkerPlugins(hostile, hostile, List.of(new PluginDescriptor(hostile, hostile, hostile),
                            new PluginDescriptor("org.example.Common", "source", "1.0")))));
        }
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", new EventCodec().encodeBatch(events),
                endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static String body(Map<String, String> fields, String env) {
        var o = Json.object();
        fields.forEach(o::put);
        o.putObject("environment").put("id", env);
        return o.toString();
    }

    private static MetadataEvent event(ClusterRef ref, String name, Instant time, long seq, TreeMap<String, String> config,
                                       List<TaskSnapshot> tasks) {
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass(name)
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.FAILED)
                .workerId(name)
                .trace(name + "\n\tat org.example.Task.poll")
                .tasks(tasks)
                .config(config)
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), ref, name, TestEvents.EPOCH, seq, time, name, s);
    }

    /** What jte writes for text: {@code &}, {@code <}, {@code >} escaped (quotes need none outside attributes). */
    private static String asText(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String page(String path) {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    /** Fails unless every '<' of the page opens one of the templates' own tags, quoted and local. */
    private static void assertOnlyTemplateMarkup(String where, String html) {
        String style = "<style>" + Stylesheet.CSS + "</style>";
        assertThat(html).as(where).containsOnlyOnce(style);
        // the one script: the live refresh's, from the jar; never an inline one
        String script = "<script src=\"" + LiveRefresh.SCRIPT_PATH + "\" defer></script>";
        assertThat(html).as(where).containsOnlyOnce(script).containsOnlyOnce("<script");
        String rest = html.replace(style, "<style></style>").replace(script, "").replaceFirst("^<!DOCTYPE html>", "");
        for (int at = rest.indexOf('<'); at >= 0; at = rest.indexOf('<', at + 1)) {
            Matcher tag = TAG.matcher(rest).region(at, rest.length());
            assertThat(tag.lookingAt()).as("%s: markup that no template wrote at: %s", where,
                    rest.substring(at, Math.min(rest.length(), at + 80))).isTrue();
            assertThat(TAGS).as(where).contains(tag.group(2));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                assertThat(ATTRIBUTES).as("%s: attribute of <%s>", where, tag.group(2)).contains(attribute.group(1));
                if (attribute.group(1).equals("href") || attribute.group(1).equals("action")) {
                    assertThat(attribute.group(2)).as(where).matches("[/#].*"); // this origin, or this page
                }
            }
        }
    }

    @Test
    void everyPageIsOnlyItsTemplatesMarkupWhateverTheValues() {
        List<String> paths = new ArrayList<>(List.of("/ui", "/ui/environments/env-hostile", "/ui/connect-clusters/" + usmcc));
        CORPUS.forEach(name -> paths.add(Paths.connector(usmcc, name)));

        for (String path : paths) {
            assertOnlyTemplateMarkup(path, page(path));
        }
    }

    @Test
    void hostileValuesAreShownAsText() {
        String cluster = page("/ui/connect-clusters/" + usmcc);
        String environment = page("/ui/environments/env-hostile");
        assertThat(cluster).contains("<h1>" + asText(DISPLAY_NAME) + " <small>" + usmcc + "</small></h1>")
                .contains("<title>" + asText(DISPLAY_NAME) + " · connect-usm</title>");
        assertThat(environment).contains(asText(DISPLAY_NAME + " (kafka-hostile, "));
        for (String hostile : CORPUS) {
            String connector = page(Paths.connector(usmcc, hostile));
            assertThat(connector).as(hostile).contains("<h1>" + asText(hostile) + " <small>connector</small></h1>")
                    .contains("<tr><td><code>" + asText(hostile) + "</code></td><td><code>" + asText(hostile)
                            + "</code></td></tr>")
                    .contains("<pre>" + asText(hostile) + "\n\tat x</pre>");
            assertThat(cluster).as(hostile).contains(">" + asText(hostile) + "</a></td>")
                    .contains("<tr><td>" + asText(hostile) + "</td><td>" + asText(hostile) + "</td>");
        }
    }

    @Test
    void aRefusedFormEchoesTheHostileNameAsText() {
        String token = page("/ui/connect-clusters/" + usmcc).replaceAll("(?s).*name=\"csrf_token\" value=\"([^\"]+)\".*",
                "$1");

        HttpResponse<String> r = endpoint.sendRaw("POST", "/ui/connect-clusters/" + usmcc + "/deregister",
                "csrf_token=" + token + "&confirm_name=nope", TestEndpoint.basic(endpoint.admin.key(),
                        endpoint.admin.secret()), "application/x-www-form-urlencoded");

        assertThat(r.statusCode()).isEqualTo(400);
        assertOnlyTemplateMarkup("refused form", r.body());
        assertThat(r.body()).contains(asText(DISPLAY_NAME));
    }
}
