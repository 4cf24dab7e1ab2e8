package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusValues;
import io.connectusm.secrets.corpus.Leaks;
import io.connectusm.testkit.LogCapture;
import io.connectusm.testkit.TestPki;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's second line of masking, end to end, against secret-detection's corpora: a worker running an "old
 * plugin" (one that masks nothing) posts events carrying the corpus secrets that value detectors must catch —
 * every {@code url}/{@code shape} config case as a config value under its key, every free-text case as a connector
 * trace, a task trace, a connector name and the name of a deletion — and the harmless corpus values beside them.
 * A real agent (mTLS ingest, spool on disk) forwards them to a real HTTPS receiver. No part of any secret may be in
 * the bytes the receiver got, in the spool's file, or in any log line; every harmless value must arrive unchanged;
 * the credentials removed are counted by reason. Fresh generated values every run ({@code -Dcorpus.seed} replays
 * one); failures name the corpus line, never a value.
 */
class SecondLineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Config entries per event: many events, several batches, small enough to be realistic. */
    private static final int ENTRIES_PER_EVENT = 25;
    private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AtomicLong sequence = new AtomicLong();
    private int connectors;

    /** A value the old plugin sent, and where to find it in what arrived. */
    private record Placed(CorpusCase source, String eventId, String key) {
    }

    @Test
    void noCorpusSecretLeavesTheAgentAndHarmlessValuesArriveUnchanged() throws Exception {
        long seed = Corpus.seed();
        CorpusValues values = new CorpusValues(seed);
        List<CorpusCase> secrets = Corpus.load(Corpus.SECRETS, values).stream()
                .filter(c -> c.kind().equals("text") ? c.expect().equals("text")
                        : c.kind().equals("config") && (c.expect().equals("url") || c.expect().equals("shape")))
                .toList();
        List<CorpusCase> harmless = Corpus.load(Corpus.HARMLESS, values);
        List<CorpusCase> secretConfigs = secrets.stream().filter(c -> c.kind().equals("config")).toList();
        List<CorpusCase> secretTexts = secrets.stream().filter(c -> c.kind().equals("text")).toList();
        assertThat(secretConfigs).as("corpus config cases for the value layer").hasSizeGreaterThan(100);
        assertThat(secretTexts).as("corpus free-text cases").hasSizeGreaterThan(20);
        assertThat(harmless).as("harmless corpus").hasSizeGreaterThan(100);

        List<MetadataEvent> events = new ArrayList<>();
        List<Placed> placedHarmless = new ArrayList<>();
        configEvents(secretConfigs, events, new ArrayList<>());
        configEvents(harmless.stream().filter(c -> c.kind().equals("config")).toList(), events, placedHarmless);
        for (CorpusCase text : secretTexts) {
            String name = "n" + (connectors++) + "-" + text.value();
            events.add(snapshot(name, Map.of("topic", "t"), text.value(), text.value()));
            events.add(event(new ConnectorDeleted(name)));
            // A deletion's actor is free text too (its User-Agent is whatever the caller sent).
            events.add(event(new ConnectorDeleted("d" + (connectors++), new io.connectusm.events.ChangeActor("alice",
                    null, null, text.value(), "DELETE /connectors/x", false))));
        }
        for (CorpusCase text : harmless.stream().filter(c -> !c.kind().equals("config")).toList()) {
            String trace = text.kind().equals("trace") ? text.extra() : text.value();
            MetadataEvent event = snapshot("h" + (connectors++), Map.of("topic", "t"), trace, trace);
            events.add(event);
            placedHarmless.add(new Placed(text, event.id(), null));
        }

        TestPki pki = TestPki.create(dir.resolve("pki"));
        String logs;
        List<byte[]> bodies;
        Map<String, MetadataEvent> arrived = new HashMap<>();
        double removed;
        try (LogCapture capture = new LogCapture(); LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER)) {
            Map<String, String> config = AgentHarness.baseConfig(pki, dir, CLUSTER);
            config.putAll(endpoint.agentConfig(pki.server()));
            try (AgentHarness harness = AgentHarness.start(pki, dir, config)) {
                HttpClient worker = harness.client(CLUSTER.connectClusterId());
                for (int from = 0; from < events.size(); from += 20) {
                    List<MetadataEvent> batch = events.subList(from, Math.min(events.size(), from + 20));
                    assertThat(harness.post(worker, TestEvents.batch(batch)).statusCode()).as("seed %d", seed)
                            .isEqualTo(204);
                }
                List<String> ids = events.stream().map(MetadataEvent::id).toList();
                await("every event forwarded").atMost(WAIT).until(() -> endpoint.receivedIds.containsAll(ids));
                removed = Stream.of("url", "shape", "trace").mapToDouble(reason -> sumOf(harness, reason)).sum();
                assertThat(sumOf(harness, "url")).as("credentials cut out of config values").isPositive();
                assertThat(sumOf(harness, "shape")).as("config values masked for a shape").isPositive();
            }
            bodies = List.copyOf(endpoint.receivedBodies);
            endpoint.received.forEach(event -> arrived.put(event.id(), event));
            logs = capture.text();
        }
        // At least one credential per secret placed: a config value once, a free-text case four times.
        assertThat(removed).as("usm_agent_second_line_masked_total").isGreaterThanOrEqualTo(
                secretConfigs.size() + 4.0 * secretTexts.size());

        StringBuilder forwarded = new StringBuilder();
        bodies.forEach(body -> forwarded.append(new String(body, StandardCharsets.UTF_8)).append('\n'));
        String spoolFile = spoolBytes();
        String alsoIn = harmlessInputs(secrets, harmless);
        List<String> leaks = new ArrayList<>();
        for (CorpusCase secret : secrets) {
            if (Leaks.anySurvives(secret.secrets(), forwarded.toString(), alsoIn)) {
                leaks.add(secret.id() + ": in the forwarded bytes");
            }
            if (Leaks.anySurvives(secret.secrets(), spoolFile, alsoIn)) {
                leaks.add(secret.id() + ": in the spool file");
            }
            if (Leaks.anySurvives(secret.secrets(), logs, alsoIn)) {
                leaks.add(secret.id() + ": in a log line");
            }
        }
        assertThat(leaks).as("corpus secrets that left the agent (seed %d)", seed).isEmpty();

        List<String> changed = new ArrayList<>();
        for (Placed placed : placedHarmless) {
            MetadataEvent event = arrived.get(placed.eventId());
            ConnectorSnapshot snapshot = (ConnectorSnapshot) event.payload();
            CorpusCase c = placed.source();
            if (placed.key() != null) {
                if (!c.value().equals(snapshot.config().get(placed.key())) || snapshot.maskedKeys().contains(placed.key())) {
                    changed.add(c.id() + ": config value changed");
                }
            } else {
                String expected = c.kind().equals("trace") ? c.extra() : c.value();
                if (!expected.equals(snapshot.trace()) || !expected.equals(snapshot.tasks().get(0).trace())) {
                    changed.add(c.id() + ": trace changed");
                }
            }
        }
        assertThat(changed).as("harmless corpus values the second line changed (seed %d)", seed).isEmpty();
    }

    /**
     * Everything harmless that went in, raw, JSON-escaped and URL-encoded (the spool keys carry names URL-encoded):
     * the harmless corpus and the secret cases' text around their secrets. A part of a secret that is also in there
     * (the ASN.1 header a public key shares with a private key, {@code https%3A%2F%2F}) is no leak.
     */
    private static String harmlessInputs(List<CorpusCase> secrets, List<CorpusCase> harmless) {
        List<String> inputs = new ArrayList<>();
        for (CorpusCase c : secrets) {
            inputs.add(Leaks.redact(c.secrets(), c.value()));
        }
        for (CorpusCase c : harmless) {
            inputs.add(c.value());
            if (c.extra() != null) {
                inputs.add(c.extra());
            }
        }
        StringBuilder all = new StringBuilder();
        for (String input : inputs) {
            all.append(input).append('\n').append(JsonStringEncoder.getInstance().quoteAsString(input)).append('\n')
                    .append(URLEncoder.encode(input, StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    /** The cases as config entries of old-plugin snapshots, at most one per key in an event. */
    private void configEvents(List<CorpusCase> cases, List<MetadataEvent> events, List<Placed> placed) {
        List<CorpusCase> pending = new ArrayList<>(cases);
        while (!pending.isEmpty()) {
            Map<String, String> config = new TreeMap<>();
            List<CorpusCase> inEvent = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext() && config.size() < ENTRIES_PER_EVENT; ) {
                CorpusCase c = it.next();
                if (!config.containsKey(c.key())) {
                    config.put(c.key(), c.value());
                    inEvent.add(c);
                    it.remove();
                }
            }
            MetadataEvent event = snapshot("c" + (connectors++), config, null, null);
            events.add(event);
            inEvent.forEach(c -> placed.add(new Placed(c, event.id(), c.key())));
        }
    }

    /** A snapshot as a plugin that masks nothing sends it. */
    private MetadataEvent snapshot(String name, Map<String, String> config, String trace, String taskTrace) {
        TreeMap<String, String> sorted = new TreeMap<>(config);
        ConnectorState state = trace == null ? ConnectorState.RUNNING : ConnectorState.FAILED;
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("FileStreamSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId("worker-1:8083")
                .trace(trace)
                .tasks(List.of(new TaskSnapshot(0, state, "worker-1:8083", taskTrace)))
                .config(sorted)
                .configFingerprint(ConfigFingerprint.of(sorted))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
        return event(payload);
    }

    private MetadataEvent event(EventPayload payload) {
        return new MetadataEvent(UUID.randomUUID().toString(), CLUSTER, "worker-1:8083", EPOCH,
                sequence.getAndIncrement(), Instant.now(), payload);
    }

    private static double sumOf(AgentHarness harness, String reason) {
        double sum = 0;
        for (String line : scrape(harness).split("\n")) {
            if (line.startsWith("usm_agent_second_line_masked_total{") && line.contains("reason=\"" + reason + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String scrape(AgentHarness harness) {
        try {
            return harness.control("/metrics").body();
        } catch (Exception e) {
            throw new AssertionError("cannot scrape /metrics", e);
        }
    }

    /** Every file of the spool directory, as one text (ISO-8859-1: every byte kept, whatever the encoding). */
    private String spoolBytes() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("spool"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).as("spool files").isNotEmpty();
        return all.toString();
    }
}
