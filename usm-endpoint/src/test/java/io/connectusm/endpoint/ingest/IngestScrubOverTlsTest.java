package io.connectusm.endpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.testing.TestDirs;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.Leaks;
import io.connectusm.testkit.LogCapture;

/**
 * Events of an "old plugin" (nothing masked, traces verbatim) carrying secret-detection's corpus secrets, posted by
 * an agent key to a real endpoint over TLS on a real H2 file: created, updated with fresh secrets (so history
 * diffs hold old and new values), a third deleted. Then no planted secret — whole, JSON- or URL-encoded, or any
 * 12-character part of it — is in any API response (list, describe, history), any console page, any log line, or
 * the bytes of the database files; and every harmless probe comes back unchanged. The database scan has a
 * positive control (harmless values are found in the same bytes), so it cannot pass by reading nothing.
 */
class IngestScrubOverTlsTest {

    private static final int WINDOW = 12;
    private static final ClusterRef CLUSTER = new ClusterRef("kafka-old", "connect-old");
    private static final EventCodec CODEC = new EventCodec();

    private final long seed = Corpus.seed();
    private final OldPluginCorpus created = new OldPluginCorpus(seed);
    private final OldPluginCorpus updated = new OldPluginCorpus(seed + 1);

    @Test
    void noCorpusSecretReachesTheApiThePagesTheLogsOrTheDatabaseFile() throws Exception {
        Path dir = TestDirs.create("test-endpoints", "IngestScrubOverTlsTest");
        List<String> secrets = new ArrayList<>(created.allSecrets());
        secrets.addAll(updated.allSecrets());
        String harmless = created.allHarmlessInputs() + updated.allHarmlessInputs();
        Set<String> windows = windows(secrets, harmless);
        List<String> failures = new ArrayList<>();
        try (LogCapture logs = new LogCapture(); TestEndpoint endpoint = TestEndpoint.start(dir)) {
            endpoint.registerKafka("env-old", CLUSTER.kafkaClusterId());
            JsonNode registered = TestEndpoint.json(endpoint.registerConnect("env-old", CLUSTER.kafkaClusterId(),
                    CLUSTER.connectClusterId()));
            String usmcc = registered.get("id").asText();

            List<OldPluginCorpus.Planted> before = created.all();
            List<OldPluginCorpus.Planted> after = updated.all();
            assertThat(after).extracting(OldPluginCorpus.Planted::connector)
                    .containsExactlyElementsOf(before.stream().map(OldPluginCorpus.Planted::connector).toList());
            Instant t0 = OldPluginCorpus.T0;
            List<MetadataEvent> events = new ArrayList<>();
            Set<String> deleted = new HashSet<>();
            for (int i = 0; i < before.size(); i++) {
                events.add(OldPluginCorpus.snapshot(CLUSTER, before.get(i), t0, i, ChangeCause.CREATED));
                events.add(OldPluginCorpus.snapshot(CLUSTER, after.get(i), t0.plusSeconds(1), before.size() + i,
                        ChangeCause.CONFIG_UPDATED));
                if (i % 3 == 0) {
                    String name = before.get(i).connector();
                    deleted.add(name);
                    events.add(new MetadataEvent(UUID.randomUUID().toString(), CLUSTER, OldPluginCorpus.WORKER, t0,
                            3L * before.size() + i, t0.plusSeconds(2), new ConnectorDeleted(name)));
                }
            }
            for (int from = 0; from < events.size(); from += 250) {
                HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events.subList(from,
                        Math.min(events.size(), from + 250))), endpoint.agent, "application/cloudevents-batch+json");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
            }
            assertThat(endpoint.endpoint().ingestScrubCounts().total()).isGreaterThanOrEqualTo(before.size() / 3);

            String base = "/usm/v1/connect-clusters/" + usmcc + "/connectors";
            StringBuilder lists = new StringBuilder();
            int live = 0;
            String next = base + "?page_size=100";
            while (next != null) {
                JsonNode page = TestEndpoint.json(endpoint.send("GET", next, null, endpoint.admin));
                lists.append(page).append('\n');
                live += page.get("data").size();
                JsonNode link = page.path("metadata").path("next");
                next = link.isTextual() ? link.asText().substring(link.asText().indexOf("/usm/v1")) : null;
            }
            assertThat(live).isEqualTo(before.size() - deleted.size());
            lists.append(endpoint.send("GET", "/ui/connect-clusters/" + usmcc, null, endpoint.admin).body());
            check("connector lists and the cluster page", unescaped(lists.toString()), windows, failures);

            for (int i = 0; i < before.size(); i++) {
                OldPluginCorpus.Planted now = after.get(i);
                String path = base + "/" + segment(now.connector());
                HttpResponse<String> describe = endpoint.send("GET", path, null, endpoint.admin);
                String history = endpoint.send("GET", path + "/history", null, endpoint.admin).body();
                HttpResponse<String> page = endpoint.send("GET", "/ui/connect-clusters/" + usmcc + "/connectors/"
                        + segment(now.connector()), null, endpoint.admin);
                List<String> own = new ArrayList<>(before.get(i).c().secrets());
                own.addAll(now.c().secrets());
                String all = describe.body() + "\n" + decodedStrings(describe.body()) + "\n" + history + "\n"
                        + decodedStrings(history) + "\n" + unescaped(page.body());
                if (Leaks.anySurvives(own, all, harmless)) {
                    failures.add(now + ": leaked in the API or the page");
                }
                if (deleted.contains(now.connector())) {
                    assertThat(describe.statusCode()).isEqualTo(404);
                } else if (now.c().harmless()) {
                    harmlessUnchanged(now, TestEndpoint.json(describe), failures);
                }
            }
            endpoint.close(); // the database files are complete and closed before they are read
            check("log lines", logs.text(), windows, failures);
            scanDatabaseFiles(dir.resolve("data"), windows, harmlessControl(), failures);
        } finally {
            TestDirs.deleteTree(dir);
        }
        assertThat(failures).as("seed %d (replay with -Dcorpus.seed=%d)", seed, seed).isEmpty();
    }

    private void harmlessUnchanged(OldPluginCorpus.Planted p, JsonNode connector, List<String> failures) {
        if (connector.path("mask_reasons").size() > 0 || connector.path("masked_keys").size() > 0) {
            failures.add(p + ": a harmless connector has masked keys or reasons");
        }
        if (p.inConfig() && !p.c().value().equals(connector.path("config").path(p.c().key()).asText())) {
            failures.add(p + ": harmless config value changed");
        }
        if (p.trace() != null && !p.trace().equals(connector.path("trace").asText())) {
            failures.add(p + ": harmless trace changed");
        }
    }

    /** Harmless planted values long enough to be found in the database bytes, for the positive control. */
    private List<String> harmlessControl() {
        List<String> out = new ArrayList<>();
        for (OldPluginCorpus.Planted p : updated.harmless) {
            String v = p.c().value();
            if (p.inConfig() && v.length() >= 20 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"'
                    && c != '\\')) {
                out.add(v);
            }
        }
        return out;
    }

    private static void scanDatabaseFiles(Path data, Set<String> windows, List<String> control,
                                          List<String> failures) throws IOException {
        StringBuilder bytes = new StringBuilder();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                bytes.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        String text = bytes.toString();
        long found = control.stream().filter(text::contains).count();
        assertThat(found).as("harmless values found in the database bytes (positive control)")
                .isGreaterThanOrEqualTo(Math.max(1, control.size() / 2));
        check("the database files", text, windows, failures);
    }

    /** Adds a failure when any window of any secret occurs in {@code text}; one linear pass over the text. */
    private static void check(String where, String text, Set<String> windows, List<String> failures) {
        int hits = 0;
        for (int i = 0; i + WINDOW <= text.length(); i++) {
            if (windows.contains(text.substring(i, i + WINDOW))) {
                hits++;
            }
        }
        if (hits > 0) {
            failures.add(where + ": " + hits + " secret fragment(s)");
        }
    }

    /**
     * Every 12-character window of every secret's raw, JSON-escaped and URL-encoded form, but those that the harmless
     * inputs hold in one of these forms too (a private key embeds its public key, which a harmless probe shows).
     */
    private static Set<String> windows(List<String> secrets, String harmlessInputs) {
        String harmless = harmlessInputs + "\n" + jsonEscaped(harmlessInputs) + "\n"
                + URLEncoder.encode(harmlessInputs, StandardCharsets.UTF_8);
        Set<String> out = new HashSet<>();
        for (String secret : secrets) {
            for (String form : List.of(secret, jsonEscaped(secret), URLEncoder.encode(secret,
                    StandardCharsets.UTF_8))) {
                for (int i = 0; i + WINDOW <= form.length(); i++) {
                    String w = form.substring(i, i + WINDOW);
                    if (!harmless.contains(w)) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    /** A page's text as a reader sees it (jte escapes these five). */
    private static String unescaped(String html) {
        return html.replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static String decodedStrings(String json) {
        if (json == null || json.isEmpty() || json.charAt(0) != '{') {
            return "";
        }
        StringBuilder out = new StringBuilder();
        collect(Json.tree(json), out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        }
        node.fieldNames().forEachRemaining(name -> out.append(name).append('\n'));
        node.forEach(child -> collect(child, out));
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
