package io.connectusm.endpoint.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusValues;

/**
 * secret-detection's corpora as an <em>old plugin</em> would send them: one connector per case, nothing masked, no
 * reasons, traces verbatim. The cases are those the endpoint's scrub is meant to catch without knowing the
 * connector's ConfigDefs — a credential inside a config value or a known shape anywhere ({@code url}, {@code shape}
 * config cases), a credential in free text ({@code text} cases, sent as the connector's and a task's trace) — and
 * every harmless probe (config values, texts and traces that must come back unchanged). The key-only cases
 * ({@code type}, {@code name}, {@code pattern}, {@code policy}) and the traces that echo a masked value are the
 * worker's to catch: a value without a shape under a secret-sounding key cannot be told from a harmless one
 * without the key's context, and the endpoint has none (docs/usm-endpoint.md says so).
 *
 * <p>Connector names are {@code c-<line>-<n>}, harmless, so they stay stable across two loads of the corpus (two
 * seeds: the same cases with fresh secrets, for config updates). Not thread-safe.
 */
final class OldPluginCorpus {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String WORKER = "worker-1:8083";
    static final String CONNECTOR_CLASS = "org.example.OldSinkConnector";
    static final Set<String> SCRUBBED_CONFIG = Set.of("url", "shape");

    /** One planted case and the connector it went into. */
    record Planted(String connector, CorpusCase c) {

        boolean inConfig() {
            return c.kind().equals("config");
        }

        /** The text sent as a trace ({@code text} cases, harmless {@code trace} cases), else null. */
        String trace() {
            if (c.kind().equals("text")) {
                return c.value();
            }
            return c.kind().equals("trace") ? c.extra() : null;
        }

        @Override
        public String toString() {
            return connector + " " + c.id();
        }
    }

    final List<Planted> secrets = new ArrayList<>();
    final List<Planted> harmless = new ArrayList<>();

    OldPluginCorpus(long seed) {
        CorpusValues values = new CorpusValues(seed);
        int n = 0;
        for (CorpusCase c : Corpus.all(values)) {
            String name = "c-" + c.line() + "-" + n++;
            if (c.harmless()) {
                harmless.add(new Planted(name, c));
            } else if (c.kind().equals("text")
                    || c.kind().equals("config") && SCRUBBED_CONFIG.contains(c.expect())) {
                secrets.add(new Planted(name, c));
            }
        }
    }

    /** Every generated secret of every planted case. */
    List<String> allSecrets() {
        List<String> out = new ArrayList<>();
        secrets.forEach(p -> out.addAll(p.c().secrets()));
        return out;
    }

    /** Every harmless input (a public key shares its ASN.1 prefix with a private key: no leak). */
    String allHarmlessInputs() {
        StringBuilder out = new StringBuilder();
        harmless.forEach(p -> out.append(p.c().value()).append('\n').append(p.trace()).append('\n'));
        return out.toString();
    }

    List<Planted> all() {
        List<Planted> out = new ArrayList<>(secrets);
        out.addAll(harmless);
        return out;
    }

    /** The snapshot an old plugin sends for {@code p}: its case in the config or as traces, nothing masked. */
    static MetadataEvent snapshot(ClusterRef cluster, Planted p, Instant time, long sequence, ChangeCause cause) {
        TreeMap<String, String> config = new TreeMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        if (p.inConfig()) {
            config.put(p.c().key(), p.c().value());
        }
        String trace = p.trace();
        ConnectorState state = trace == null ? ConnectorState.RUNNING : ConnectorState.FAILED;
        List<TaskSnapshot> tasks = List.of(new TaskSnapshot(0, state, WORKER, trace));
        ConnectorSnapshot payload = ConnectorSnapshot.builder()
                .name(p.connector())
                .connectorClass(CONNECTOR_CLASS)
                .connectorType(ConnectorType.SINK)
                .state(state)
                .workerId(WORKER)
                .trace(trace)
                .tasks(tasks)
                .config(config)
                .cause(cause)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), cluster, WORKER, T0, sequence, time, payload);
    }
}
