package io.connectusm.endpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.TraceMode;
import io.connectusm.events.WorkerPlugins;
import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.Leaks;

/**
 * The ingest scrub over secret-detection's corpora, sent as an old plugin sends them: no planted secret survives
 * in any string of the scrubbed event (checked on its encoded JSON, as the store would receive it), each caught
 * config value carries the reason the worker would have given, and no harmless probe changes. Failures name the
 * case, never the value.
 */
class IngestScrubberTest {

    private static final ClusterRef CLUSTER = new ClusterRef("kafka-1", "connect-1");
    private static final EventCodec CODEC = new EventCodec();

    private final long seed = Corpus.seed();
    private final OldPluginCorpus corpus = new OldPluginCorpus(seed);
    private final IngestScrubCounts counts = new IngestScrubCounts();
    private final IngestScrubber scrubber = new IngestScrubber(counts);

    @Test
    void noPlantedSecretSurvivesInAnyFieldAndEachCaughtValueHasItsReason() {
        List<String> failures = new ArrayList<>();
        String harmless = corpus.allHarmlessInputs();
        for (OldPluginCorpus.Planted p : corpus.secrets) {
            MetadataEvent scrubbed = scrubber.scrub(OldPluginCorpus.snapshot(CLUSTER, p, OldPluginCorpus.T0, 0,
                    ChangeCause.CREATED));
            String wire = new String(CODEC.encode(scrubbed), java.nio.charset.StandardCharsets.UTF_8);
            if (Leaks.anySurvives(p.c().secrets(), wire, harmless)
                    || Leaks.anySurvives(p.c().secrets(), decoded(wire), harmless)) {
                failures.add(p + ": leaked");
                continue;
            }
            ConnectorSnapshot s = (ConnectorSnapshot) scrubbed.payload();
            if (p.inConfig()) {
                String reason = s.maskReasons().get(p.c().key());
                if (!p.c().expect().equals(reason)) {
                    failures.add(p + ": reason " + reason + ", expected " + p.c().expect());
                }
                if (p.c().expect().equals("shape") != s.maskedKeys().contains(p.c().key())) {
                    failures.add(p + ": masked_keys disagrees with reason " + reason);
                }
            } else if (!s.trace().contains(ConnectorSnapshot.MASKED_VALUE)
                    || !s.tasks().get(0).trace().contains(ConnectorSnapshot.MASKED_VALUE)) {
                failures.add(p + ": trace not marked as scrubbed");
            }
        }
        assertThat(failures).as("seed %d (replay with -Dcorpus.seed=%d)", seed, seed).isEmpty();
        assertThat(corpus.secrets).as("planted cases").hasSizeGreaterThan(150);
        assertThat(counts.total()).isGreaterThanOrEqualTo(corpus.secrets.size());
    }

    @Test
    void harmlessValuesAndTracesComeBackUnchanged() {
        List<String> failures = new ArrayList<>();
        for (OldPluginCorpus.Planted p : corpus.harmless) {
            MetadataEvent event = OldPluginCorpus.snapshot(CLUSTER, p, OldPluginCorpus.T0, 0, ChangeCause.CREATED);
            if (scrubber.scrub(event) != event) {
                failures.add(p + ": over-scrubbed");
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(corpus.harmless).as("harmless probes").hasSizeGreaterThan(100);
        assertThat(counts.total()).isZero();
    }

    @Test
    void aNewerEmittersReasonsAndTraceModeAreKeptAndItsMaskedValuesLeftAlone() {
        TreeMap<String, String> config = new TreeMap<>(Map.of("db.password", ConnectorSnapshot.MASKED_VALUE,
                "connection.url", "jdbc:postgresql://app:" + ConnectorSnapshot.MASKED_VALUE + "@db/x",
                "note", "see https://ops:Sup3rS3cretVal@wiki.example.org/runbook"));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name("jdbc")
                .connectorClass("org.example.Jdbc")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .workerId("w1")
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("db.password")))
                .maskReasons(new TreeMap<>(Map.of("db.password", "type", "connection.url", "url")))
                .cause(ChangeCause.CREATED)
                .traceMode(TraceMode.SUMMARY)
                .build();

        ConnectorSnapshot out = (ConnectorSnapshot) scrubber.scrub(event(s)).payload();

        assertThat(out.maskReasons()).containsEntry("db.password", "type").containsEntry("connection.url", "url")
                .containsEntry("note", "url");
        assertThat(out.config().get("note")).doesNotContain("Sup3rS3cretVal").contains("wiki.example.org/runbook");
        assertThat(out.config().get("connection.url")).isEqualTo(config.get("connection.url"));
        assertThat(out.traceMode()).isEqualTo(TraceMode.SUMMARY);
        assertThat(out.configFingerprint()).isNotEqualTo(s.configFingerprint());
        assertThat(counts.byKind()).containsEntry("url-user-info", 1L);
    }

    @Test
    void deletionsInventoriesAndPluginListsAreScrubbedToo() {
        String jwt = jwt();
        MetadataEvent deleted = event(new ConnectorDeleted("sink-" + jwt));
        MetadataEvent deletedByAgent = event(new ConnectorDeleted("sink-b", new io.connectusm.events.ChangeActor("alice",
                "10.1.2.3", null, "client/" + jwt, "DELETE /connectors/sink-b", false)));
        MetadataEvent inventory = event(new ClusterInventory(new TreeMap<>(Map.of("sink-" + jwt, "sha256:"
                + "0".repeat(64)))));
        MetadataEvent plugins = event(new WorkerPlugins("w1", "4.1.0", List.of(new PluginDescriptor(
                "org.example.Sink", "sink", "1.0-" + jwt))));
        MetadataEvent snapshot = event(ConnectorSnapshot.builder()
                .name("s")
                .connectorClass("org.example.Sink")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.FAILED)
                .workerId("w1")
                .tasks(List.of(new TaskSnapshot(0, ConnectorState.FAILED, "w1",
                        "java.io.IOException: 401 for token " + jwt + "\n\tat x")))
                .cause(ChangeCause.CREATED)
                .build());

        for (MetadataEvent e : List.of(deleted, deletedByAgent, inventory, plugins, snapshot)) {
            String wire = new String(CODEC.encode(scrubber.scrub(e)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Leaks.anySurvives(List.of(jwt), wire)).as(e.type().toString()).isFalse();
        }
        assertThat(counts.byKind()).containsEntry("jwt", 5L);
        assertThat(counts.total()).isEqualTo(5);
        assertThat(((ConnectorDeleted) scrubber.scrub(deletedByAgent).payload()).actor().principal())
                .as("the harmless parts of the deletion's actor stay").isEqualTo("alice");
        assertThat(scrubber.scrub(deleted).subject()).isEqualTo("sink-" + ConnectorSnapshot.MASKED_VALUE);
    }

    @Test
    void theScrubIsAFunctionOfTheEvent() {
        for (OldPluginCorpus.Planted p : corpus.secrets.subList(0, 40)) {
            MetadataEvent once = scrubber.scrub(OldPluginCorpus.snapshot(CLUSTER, p, OldPluginCorpus.T0, 0,
                    ChangeCause.CREATED));
            assertThat(scrubber.scrub(once)).as(p.toString()).isSameAs(once);
        }
    }

    private static MetadataEvent event(io.connectusm.events.EventPayload payload) {
        return new MetadataEvent(UUID.randomUUID().toString(), CLUSTER, "w1", OldPluginCorpus.T0, 0,
                OldPluginCorpus.T0, payload);
    }

    /** The JSON's strings unescaped, so an escaped secret is found too. */
    private static String decoded(String json) {
        StringBuilder out = new StringBuilder();
        collect(io.connectusm.endpoint.http.Json.tree(json), out);
        return out.toString();
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        }
        node.fieldNames().forEachRemaining(name -> out.append(name).append('\n'));
        node.forEach(child -> collect(child, out));
    }

    private static String jwt() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\"}").getBytes()) + "."
                + b64.encodeToString(UUID.randomUUID().toString().getBytes());
    }
}
