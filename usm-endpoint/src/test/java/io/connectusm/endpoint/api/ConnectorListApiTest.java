package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.testing.BeforeDatabaseRun;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * The connector list of a 160-connector cluster, paged, filtered and sorted over real HTTPS on H2 and PostgreSQL.
 * A seeded generator makes the connectors (every state, failed tasks on running connectors, both types, names with
 * LIKE wildcards, case and non-ASCII letters); for each query a model of the promise computes the expected list, and
 * the test walks the API's pages by their {@code metadata.next} links with odd page sizes and compares. Also: the
 * parameters' refusals, gzip of JSON (and not of HTML), and the paging of history, plugins and sightings.
 */
@EachDatabase
class ConnectorListApiTest {

    static final ClusterRef REF = new ClusterRef("kafka-list", "connect-list");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final EventCodec CODEC = new EventCodec();
    static final String[] HOSTILE_NAMES = {"100%-done", "a_b", "axb", "A!b", "under_score%", "MiXed-Case",
        "mixed-case-2", "üñíçødé", "with space", "+plus", "50%", "_lead", "x%%y", "back\\slash", "quote'name"};

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    static String usmcc;
    static List<Line> connectors;

    /** What the test knows of each connector it sent. */
    record Line(String name, String type, String state, int running, int failed, int total, Instant lastChange) {
        boolean failing() {
            return state.equals("FAILED") || failed > 0;
        }
    }

    @BeforeDatabaseRun
    static void fillTheCluster() {
        endpoint.registerKafka("env-list", REF.kafkaClusterId());
        usmcc = TestEndpoint.json(endpoint.registerConnect("env-list", REF.kafkaClusterId(),
                REF.connectClusterId())).get("id").asText();
        Random random = new Random(20261120);
        connectors = new ArrayList<>();
        List<MetadataEvent> events = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(HOSTILE_NAMES));
        while (names.size() < 160) {
            names.add((random.nextBoolean() ? "orders-" : "Payments-") + random.nextInt(100_000));
        }
        for (int i = 0; i < names.size(); i++) {
            ConnectorState state = ConnectorState.values()[random.nextInt(ConnectorState.values().length)];
            List<TaskSnapshot> tasks = new ArrayList<>();
            int taskCount = random.nextInt(4);
            int running = 0;
            int failed = 0;
            for (int t = 0; t < taskCount; t++) {
                ConnectorState taskState = random.nextInt(6) == 0 ? ConnectorState.FAILED : state;
                running += taskState == ConnectorState.RUNNING ? 1 : 0;
                failed += taskState == ConnectorState.FAILED ? 1 : 0;
                tasks.add(new TaskSnapshot(t, taskState, "w1", taskState == ConnectorState.FAILED ? "boom" : null));
            }
            ConnectorType type = random.nextBoolean() ? ConnectorType.SOURCE : ConnectorType.SINK;
            Instant time = T0.plusSeconds(random.nextInt(1_000_000)).plusNanos(1_000L * random.nextInt(1_000));
            TreeMap<String, String> config = new TreeMap<>(Map.of("topic", "t" + i));
            String name = names.get(i);
            events.add(new MetadataEvent(UUID.randomUUID().toString(), REF, "w1", T0, i, time, name,
                    ConnectorSnapshot.builder()
                            .name(name)
                            .connectorClass("org.example.C")
                            .connectorType(type)
                            .state(state)
                            .workerId("w1")
                            .tasks(tasks)
                            .config(config)
                            .configFingerprint(ConfigFingerprint.of(config))
                            .cause(ChangeCause.CREATED)
                            .build()));
            connectors.add(new Line(name, type.name(), state.name(), running, failed, taskCount, time));
        }
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    @Test
    void everyFilterAndSortPagesThroughExactlyTheListItPromises() {
        Comparator<Line> byName = Comparator.comparing(Line::name);
        Comparator<Line> failingFirst = Comparator.comparing(Line::failing).reversed().thenComparing(byName);
        check("", l -> true, failingFirst);
        check("sort=failing", l -> true, failingFirst);
        check("sort=-failing", l -> true, Comparator.comparing(Line::failing).thenComparing(byName));
        check("sort=name", l -> true, byName);
        check("sort=-name", l -> true, byName.reversed());
        check("sort=state", l -> true, Comparator.comparing(Line::state).thenComparing(byName));
        check("sort=-state", l -> true, Comparator.comparing(Line::state).reversed().thenComparing(byName));
        check("sort=type", l -> true, Comparator.comparing(Line::type).thenComparing(byName));
        check("sort=last_change", l -> true, Comparator.comparing(Line::lastChange).reversed().thenComparing(byName));
        check("sort=-last_change", l -> true, Comparator.comparing(Line::lastChange).thenComparing(byName));
        check("sort=tasks_failed", l -> true, Comparator.comparing(Line::failed).reversed().thenComparing(byName));
        check("state=FAILED", l -> l.state().equals("FAILED"), failingFirst);
        check("state=running,paused", l -> Set.of("RUNNING", "PAUSED").contains(l.state()), failingFirst);
        check("type=sink", l -> l.type().equals("SINK"), failingFirst);
        check("failing=true", Line::failing, byName);
        check("failing=false&sort=-name", l -> !l.failing(), byName.reversed());
        check("failing=true&state=RUNNING", l -> l.failing() && l.state().equals("RUNNING"), failingFirst);
        check("name_prefix=orders", l -> l.name().startsWith("orders"), failingFirst);
        check("name_prefix=PAYMENTS&type=SOURCE", l -> l.name().startsWith("Payments") && l.type().equals("SOURCE"),
                failingFirst);
        check("name_contains=mixed", l -> l.name().toLowerCase(Locale.ROOT).contains("mixed"), failingFirst);
        // LIKE's wildcards and its escape character match only themselves
        for (String literal : new String[] {"%", "_", "!", "%%", "\\", "'", " ", "+", "üñí"}) {
            check("name_contains=" + encode(literal), l -> l.name().contains(literal), failingFirst);
        }
        check("name_prefix=" + encode("_") + "&sort=name", l -> l.name().startsWith("_"), byName);
        check("name_contains=no-such-connector", l -> false, failingFirst);
    }

    /** Walks every page of {@code query} with a few page sizes; compares names, order and totals with the model. */
    private static void check(String query, Predicate<Line> admits, Comparator<Line> order) {
        List<String> expected = connectors.stream().filter(admits).sorted(order).map(Line::name).toList();
        for (int size : new int[] {1, 7, 100}) {
            if (size == 1 && expected.size() > 40) {
                continue; // a page at a time is checked on the short lists; the long ones page by 7 and 100
            }
            List<String> seen = new ArrayList<>();
            String next = path() + "?" + (query.isEmpty() ? "" : query + "&") + "page_size=" + size;
            int pages = 0;
            while (next != null) {
                HttpResponse<String> r = endpoint.send("GET", next, null, endpoint.admin);
                assertThat(r.statusCode()).as(next + ": " + r.body()).isEqualTo(200);
                JsonNode body = TestEndpoint.json(r);
                assertThat(body.get("kind").asText()).isEqualTo("ConnectorList");
                assertThat(body.get("metadata").get("total_size").asInt()).as(query).isEqualTo(expected.size());
                assertThat(body.get("data").size()).isLessThanOrEqualTo(size);
                body.get("data").forEach(c -> seen.add(c.get("name").asText()));
                JsonNode link = body.get("metadata").get("next");
                next = link == null ? null : link.asText();
                assertThat(next == null || next.startsWith(path() + "?")).as("relative next link " + next).isTrue();
                assertThat(++pages).isLessThan(200);
            }
            assertThat(seen).as(query + " by " + size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void eachLineSaysStateTasksAndFailing() {
        Line sample = connectors.stream().filter(l -> l.failed() > 0 && !l.state().equals("FAILED")).findFirst()
                .orElseThrow();
        JsonNode line = TestEndpoint.json(endpoint.send("GET", path() + "?name_prefix=" + encode(sample.name())
                + "&sort=name&page_size=100", null, endpoint.admin)).get("data").get(0);

        assertThat(line.get("name").asText()).isEqualTo(sample.name());
        assertThat(line.get("state").asText()).isEqualTo(sample.state());
        assertThat(line.get("type").asText()).isEqualTo(sample.type());
        assertThat(line.get("failing").asBoolean()).isTrue();
        assertThat(line.get("tasks").get("failed").asInt()).isEqualTo(sample.failed());
        assertThat(line.get("tasks").get("running").asInt()).isEqualTo(sample.running());
        assertThat(line.get("tasks").get("total").asInt()).isEqualTo(sample.total());
        assertThat(line.get("trace_present").asBoolean()).isTrue();
        assertThat(Instant.parse(line.get("last_change").asText())).isEqualTo(sample.lastChange());
    }

    @Test
    void badParametersAre400sThatSayWhatIsAccepted() {
        Map<String, String> refusals = Map.of(
                "page_size=0", "page_size must be an integer from 1 to 100",
                "page_size=101", "page_size must be an integer from 1 to 100",
                "page_token=%21%21", "page_token is not valid",
                "page_token=" + encode(Paging.token("no colon here")), "page_token is not valid",
                "state=BROKEN", "state must be one of UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING",
                "type=both", "type must be one of SOURCE, SINK, UNKNOWN",
                "failing=maybe", "failing must be true or false",
                "sort=size", "sort must be one of failing, name, state, type, last_change, tasks_failed",
                "name_contains=" + "x".repeat(256), "name_contains must be at most 255 characters");
        refusals.forEach((query, detail) -> {
            HttpResponse<String> r = endpoint.send("GET", path() + "?" + query, null, endpoint.admin);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(TestEndpoint.json(r).get("errors").get(0).get("detail").asText()).as(query).startsWith(detail);
        });
        assertThat(endpoint.send("GET", path(), null, endpoint.agent).statusCode()).isEqualTo(403);
    }

    @Test
    void jsonIsGzippedForClientsThatAcceptItAndPagesAreNot() throws Exception {
        String list = path() + "?page_size=100";
        HttpResponse<byte[]> plain = endpoint.getBytes(list, endpoint.admin, Map.of());
        HttpResponse<byte[]> gzipped = endpoint.getBytes(list, endpoint.admin, Map.of("Accept-Encoding", "gzip"));
        // the console takes its session cookie, not basic credentials
        HttpResponse<byte[]> page = endpoint.getBytes("/ui/connect-clusters/" + usmcc, endpoint.admin,
                Map.of("Accept-Encoding", "gzip", "Cookie", endpoint.consoleCookie(
                        TestEndpoint.basic(endpoint.admin.key(), endpoint.admin.secret()))));

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(gzipped.body())).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void historyPagesNewestFirstAndAnAdminCanPurgeIt() {
        // a cluster of its own, so the 160-connector list stays as the other tests expect it
        ClusterRef ref = new ClusterRef("kafka-list", "connect-history");
        String history = "/usm/v1/connect-clusters/" + TestEndpoint.json(endpoint.registerConnect("env-list",
                ref.kafkaClusterId(), ref.connectClusterId())).get("id").asText() + "/connectors/changing";
        List<MetadataEvent> changes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            TreeMap<String, String> config = new TreeMap<>(Map.of("topic", "v" + i));
            changes.add(new MetadataEvent(UUID.randomUUID().toString(), ref, "w1", T0.plusSeconds(10), i,
                    T0.plusSeconds(500_000 + i), "changing", ConnectorSnapshot.builder()
                            .name("changing")
                            .connectorClass("org.example.C")
                            .connectorType(ConnectorType.SOURCE)
                            .state(ConnectorState.RUNNING)
                            .workerId("w1")
                            .config(config)
                            .configFingerprint(ConfigFingerprint.of(config))
                            .cause(ChangeCause.CONFIG_UPDATED)
                            .build()));
        }
        assertThat(endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(changes), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON).statusCode()).isEqualTo(204);
        String connector = history;
        history = connector + "/history";

        List<String> topics = new ArrayList<>();
        String next = history + "?page_size=7";
        while (next != null) {
            JsonNode page = TestEndpoint.json(endpoint.send("GET", next, null, endpoint.admin));
            assertThat(page.get("metadata").get("total_size").asInt()).isEqualTo(25);
            page.get("data").forEach(e -> topics.add(e.get("config_diff").get(0).get("new_value").asText()));
            next = page.get("metadata").has("next") ? page.get("metadata").get("next").asText() : null;
        }
        List<String> newestFirst = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            newestFirst.add("v" + i);
        }
        assertThat(topics).containsExactlyElementsOf(newestFirst);

        assertThat(endpoint.send("DELETE", history, null, endpoint.agent).statusCode()).isEqualTo(403);
        assertThat(endpoint.send("DELETE", connector.replace("changing", "never-reported") + "/history", null,
                endpoint.admin).statusCode()).isEqualTo(404);
        assertThat(endpoint.send("DELETE", history, null, endpoint.admin).statusCode()).isEqualTo(204);

        JsonNode after = TestEndpoint.json(endpoint.send("GET", history, null, endpoint.admin));
        assertThat(after.get("data")).isEmpty();
        assertThat(after.get("metadata").get("total_size").asInt()).isZero();
        assertThat(endpoint.send("GET", connector, null, endpoint.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void pluginsSightingsAndApiKeysPageToo() {
        List<MetadataEvent> workers = new ArrayList<>();
        for (int w = 0; w < 12; w++) {
            workers.add(new MetadataEvent(UUID.randomUUID().toString(), REF, "worker-" + w, T0, 1_000 + w, T0,
                    new io.connectusm.events.WorkerPlugins("worker-" + w, "4.3.1", List.of())));
        }
        endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(workers), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
        StringBuilder sightings = new StringBuilder("{\"sightings\":[");
        for (int s = 0; s < 15; s++) {
            sightings.append(s == 0 ? "" : ",").append("{\"kafka_cluster_id\":\"kafka-s\",\"connect_cluster_id\":")
                    .append("\"connect-").append(s).append("\",\"connector_count\":1,\"first_seen\":")
                    .append("\"2026-11-20T10:00:00Z\",\"last_seen\":\"2026-11-20T10:0").append(s % 3)
                    .append(":00Z\",\"environment\":{\"id\":\"env-list\"}}");
        }
        assertThat(endpoint.send("POST", "/usm/v1/sightings", sightings.append("]}").toString(), endpoint.agent)
                .statusCode()).isEqualTo(204);
        for (int k = 0; k < 5; k++) {
            endpoint.endpoint().apiKeys().create(io.connectusm.endpoint.auth.ApiRole.AGENT, "k" + k);
        }

        assertThat(walk("/usm/v1/connect-clusters/" + usmcc + "/plugins?page_size=5", "worker_id"))
                .hasSize(12).doesNotHaveDuplicates();
        List<String> seen = walk("/usm/v1/sightings?environment=env-list&page_size=4", "connect_cluster_id");
        assertThat(seen).hasSize(15).doesNotHaveDuplicates();
        assertThat(walk("/usm/v1/api-keys?page_size=2", "id")).hasSize(7).doesNotHaveDuplicates()
                .contains(endpoint.admin.key(), endpoint.agent.key());
    }

    /** Every item's {@code field} over all pages from {@code first}. */
    private static List<String> walk(String first, String field) {
        List<String> out = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<String> r = endpoint.send("GET", next, null, endpoint.admin);
            assertThat(r.statusCode()).as(next + " " + r.body()).isEqualTo(200);
            JsonNode page = TestEndpoint.json(r);
            page.get("data").forEach(item -> out.add(item.get(field).asText()));
            next = page.get("metadata").has("next") ? page.get("metadata").get("next").asText() : null;
            assertThat(out.size()).isLessThan(1_000);
        }
        return out;
    }

    private static String path() {
        return "/usm/v1/connect-clusters/" + usmcc + "/connectors";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
