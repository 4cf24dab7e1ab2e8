package io.connectusm.agent.ingest;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.secrets.corpus.CorpusValues;
import io.connectusm.secrets.corpus.Leaks;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link SecondLineScrubber} on its own: what the scan flags, what {@code scrub} makes of a flagged event (the
 * extension's masked forms, {@code masked_keys}, the fingerprint), what it counts; values from secret-detection's
 * corpus generators, fresh each run.
 */
class SecondLineScrubberTest {

    private final CorpusValues values = new CorpusValues(System.nanoTime());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final SecondLineScrubber scrubber = new SecondLineScrubber(registry);

    @Test
    void masksAShapeInAConfigValueWholeCutsAUrlCredentialAndScrubsEveryFreeText() throws Exception {
        String pem = values.generate("pem-rsa");
        String password = values.generate("safe");
        String jwt = values.generate("jwt");
        String github = values.generate("ghp");
        Map<String, String> config = new TreeMap<>(Map.of(
                "ssl.material", pem,
                "connection.url", "jdbc:postgresql://app:" + password + "@db:5432/app",
                "topic", "orders",
                "aws.s3.material", values.generate("aws-secret")));
        MetadataEvent event = event(snapshot("orders-" + github, config, "io.Failure: bad token " + jwt));

        List<ScannedEvent> scanned = BatchCodec.scan(batch(event), scrubber::flags);
        assertThat(scanned.get(0).flagged()).isTrue();

        MetadataEvent scrubbed = scrubber.scrub(event);
        ConnectorSnapshot out = (ConnectorSnapshot) scrubbed.payload();
        // Compared in a form where any surviving part of a secret reads <leak>: a failure never prints a value.
        List<String> secrets = List.of(pem, password, jwt, github, config.get("aws.s3.material"));
        assertThat(Leaks.redact(secrets, out.config().toString())).isEqualTo("{aws.s3.material=********, "
                + "connection.url=jdbc:postgresql://app:********@db:5432/app, ssl.material=********, topic=orders}");
        assertThat(out.maskedKeys()).containsExactly("aws.s3.material", "ssl.material");
        assertThat(out.maskReasons()).containsExactlyEntriesOf(new TreeMap<>(Map.of("aws.s3.material", "shape",
                "connection.url", "url", "ssl.material", "shape")));
        assertThat(out.configFingerprint()).isEqualTo(ConfigFingerprint.of(out.config()));
        assertThat(Leaks.redact(secrets, out.name())).isEqualTo("orders-********");
        assertThat(Leaks.redact(secrets, out.trace())).isEqualTo("io.Failure: bad token ********");
        assertThat(Leaks.redact(secrets, out.tasks().get(0).trace())).isEqualTo("io.Failure: bad token ********");
        assertThat(Leaks.anySurvives(secrets, new String(BatchCodec.encode(scrubbed), StandardCharsets.UTF_8)))
                .as("a part of a secret in the scrubbed event's bytes").isFalse();

        String metrics = scrape();
        assertThat(metrics).contains("usm_agent_second_line_masked_total{kind=\"pem-private-key\",reason=\"shape\"} 1.0")
                .contains("usm_agent_second_line_masked_total{kind=\"aws-secret-key\",reason=\"shape\"} 1.0")
                .contains("usm_agent_second_line_masked_total{kind=\"url-user-info\",reason=\"url\"} 1.0")
                .contains("usm_agent_second_line_masked_total{kind=\"jwt\",reason=\"trace\"} 2.0")
                .contains("usm_agent_second_line_masked_total{kind=\"github-token\",reason=\"trace\"} 1.0");
        assertThat(Leaks.anySurvives(secrets, metrics)).as("a part of a secret in /metrics").isFalse();
    }

    @Test
    void flagsNothingInAnEventOfHarmlessValuesSoItKeepsItsBytes() {
        Map<String, String> config = new TreeMap<>(Map.of(
                "connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector",
                "connection.url", "jdbc:postgresql://db:5432/app",
                "ssl.truststore.certificates", values.generate("h-pem-cert"),
                "commit.sha", values.generate("h-git-sha"),
                "registry.url", "https://registry.example.org:443/@scope/pkg",
                "database.password", ConnectorSnapshot.MASKED_VALUE));
        MetadataEvent event = event(snapshot("orders", config, "org.apache.kafka.connect.errors.ConnectException: "
                + "no route to host db:5432"));

        assertThat(BatchCodec.scan(batch(event), scrubber::flags).get(0).flagged()).isFalse();
        assertThat(scrape()).contains("usm_agent_second_line_masked_total{kind=\"jwt\",reason=\"trace\"} 0.0")
                .doesNotContainPattern("usm_agent_second_line_masked_total\\{.*} [1-9]");
    }

    /**
     * Topic names are Kafka metadata, not free text: legal names that look like credentials (a GitHub token the scan
     * flags in any other field, an AWS key ID, a git SHA) are not shown to the scan, and a snapshot scrubbed for another reason
     * keeps them exactly (cutting into one would make it another topic, or none).
     */
    @Test
    void topicNamesAreNeitherFlaggedNorScrubbed() {
        String token = values.generate("ghp");
        assertThat(scrubber.flags(token)).as("the scan flags such a string anywhere else").isTrue();
        List<String> topics = List.of(token, "AKIAIOSFODNN7EXAMPLE", values.generate("h-git-sha"), "orders.eu_west-1");
        ConnectorSnapshot harmless = snapshot("orders", new TreeMap<>(Map.of("topic", "orders")), null).toBuilder()
                .topics(topics).build();

        assertThat(BatchCodec.scan(batch(event(harmless)), scrubber::flags).get(0).flagged()).isFalse();

        String jwt = values.generate("jwt");
        ConnectorSnapshot leaky = snapshot("orders", new TreeMap<>(Map.of("topic", "orders")), "io.Failure: " + jwt)
                .toBuilder().topics(topics).build();
        assertThat(BatchCodec.scan(batch(event(leaky)), scrubber::flags).get(0).flagged()).isTrue();
        ConnectorSnapshot out = (ConnectorSnapshot) scrubber.scrub(event(leaky)).payload();
        assertThat(out.topics()).containsExactlyElementsOf(new TreeSet<>(topics));
        assertThat(Leaks.anySurvives(List.of(jwt), out.trace())).isFalse();
    }

    /**
     * Real CA certificates (the JDK's, as the corpus generator picks them) in PEM and base64, over 300 seeds: a PEM
     * line of exactly 40 characters has an AWS secret key's shape, and a certificate's base64 can hold the word
     * "aws"; one in twenty runs flagged a certificate before PEM blocks were excluded from AWS candidates.
     */
    @Test
    void noCertificateOfAnySeedIsFlagged() {
        for (long seed = 0; seed < 300; seed++) {
            CorpusValues generated = new CorpusValues(seed);
            for (String kind : new String[] {"h-pem-cert", "h-cert-b64"}) {
                String value = generated.generate(kind);
                assertThat(scrubber.flags(value)).as(kind + " of seed " + seed).isFalse();
            }
        }
    }

    @Test
    void anEventTheWorkerAlreadyMaskedComesOutUnchangedAndCountsNothing() {
        Map<String, String> config = new TreeMap<>(Map.of(
                "connection.url", "jdbc:postgresql://app:********@db:5432/app",
                "database.password", ConnectorSnapshot.MASKED_VALUE));
        MetadataEvent event = event(snapshot("orders", config, "login failed: password=********"));

        MetadataEvent scrubbed = scrubber.scrub(event);

        assertThat(scrubbed.payload()).isEqualTo(event.payload());
        assertThat(scrape()).doesNotContainPattern("usm_agent_second_line_masked_total\\{.*} [1-9]");
    }

    @Test
    void aNameScrubbedInASnapshotIsScrubbedAlikeInTheInventory() {
        String token = values.generate("glpat");
        MetadataEvent inventory = event(new ClusterInventory(new TreeMap<>(Map.of("sink-" + token,
                ConfigFingerprint.of(Map.of())))));
        MetadataEvent snapshot = event(snapshot("sink-" + token, new TreeMap<>(Map.of("topic", "t")), null));

        String inInventory = ((ClusterInventory) scrubber.scrub(inventory).payload()).connectors().firstKey();
        assertThat(inInventory).isEqualTo("sink-********")
                .isEqualTo(((ConnectorSnapshot) scrubber.scrub(snapshot).payload()).name());
    }

    /**
     * The scan's fast paths look at decoded strings, never at the JSON: a credential written with JSON escapes
     * (&#92;u0070assword, every character or every other one escaped, surrogate pairs as two escapes), beside
     * multibyte UTF-8, after an odd-cased or no-break-spaced key, is flagged exactly as the same text written plainly.
     */
    @Test
    void aCredentialWrittenWithJsonEscapesOrBesideMultibyteTextIsFlaggedAsWhenPlain() {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String kind : List.of("ghp", "glpat", "slack-bot", "stripe-live", "jwt", "aws-id", "google-api", "npm",
                "vault", "openai", "anthropic", "pem-rsa", "putty", "der-ec", "azure-ad-secret", "sendgrid")) {
            String token = values.generate(kind);
            int variant = 0;
            for (String[] around : new String[][] {{"", ""}, {"\u00e9", "\u20ac"}, {"\ud83d\udd11 ", " \u00e9"},
                    {"caf\u00e9:", ""}, {"\u4e2d\u6587", "\u4e2d"}}) {
                texts.put(kind + " (surroundings " + variant++ + ")", around[0] + token + around[1]);
            }
        }
        String password = values.generate("safe");
        for (String key : List.of("password=", "PASSWORD=", "Password: ", "\u00e9password=", "Password = ",
                "db.PASSWORD=", "\u00a0token=", "PaSsWoRd=", "pAsSwOrD: ")) {
            texts.put("a password after the key " + key, "login failed " + key + password);
        }
        texts.put("a URL's password", "\u00e9 jdbc:postgresql://app:" + password + "@db:5432/app");
        texts.put("a URL's password before a non-ASCII host", "jdbc:postgresql://app:" + password + "@db\u00e9:5432/app");
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            String text = entry.getValue();
            byte[] plain = withTrace(text, Escapes.NONE);
            assertThat(BatchCodec.scan(plain, scrubber::flags).get(0).flagged())
                    .as("%s, written plainly", entry.getKey()).isTrue();
            for (Escapes escapes : List.of(Escapes.ALL, Escapes.EVERY_OTHER)) {
                assertThat(BatchCodec.scan(withTrace(text, escapes), scrubber::flags).get(0).flagged())
                        .as("%s, %s escaped", entry.getKey(), escapes).isTrue();
            }
        }
    }

    /** Which characters of a JSON string literal are written as a &#92;u escape. */
    private enum Escapes { NONE, ALL, EVERY_OTHER }

    /** A batch of one failed snapshot whose traces (connector and task) are {@code trace}, written as asked. */
    private static byte[] withTrace(String trace, Escapes escapes) {
        String marker = "TRACE-MARKER";
        String json = new String(batch(event(snapshot("orders", new TreeMap<>(Map.of("topic", "t")), marker))),
                StandardCharsets.UTF_8);
        StringBuilder literal = new StringBuilder("\"");
        boolean escapePair = false;
        for (int i = 0; i < trace.length(); i++) {
            char c = trace.charAt(i);
            // A surrogate pair is escaped whole or not at all (one half raw would not be UTF-8).
            boolean escape = Character.isLowSurrogate(c) ? escapePair : escapes == Escapes.ALL
                    || escapes == Escapes.EVERY_OTHER && i % 2 == 0 || c == '"' || c == '\\' || c < 0x20;
            escapePair = escape;
            literal.append(escape ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        literal.append('"');
        assertThat(json).contains("\"" + marker + "\"");
        return json.replace("\"" + marker + "\"", literal).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] batch(MetadataEvent event) {
        return io.connectusm.agent.TestEvents.batch(event);
    }

    private static ConnectorSnapshot snapshot(String name, Map<String, String> config, String trace) {
        TreeMap<String, String> sorted = new TreeMap<>(config);
        TreeSet<String> masked = new TreeSet<>();
        sorted.forEach((key, value) -> {
            if (ConnectorSnapshot.MASKED_VALUE.equals(value)) {
                masked.add(key);
            }
        });
        ConnectorState state = trace == null ? ConnectorState.RUNNING : ConnectorState.FAILED;
        return ConnectorSnapshot.builder()
                .name(name)
                .connectorClass("JdbcSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId("worker-1:8083")
                .trace(trace)
                .tasks(List.of(new TaskSnapshot(0, state, "worker-1:8083", trace)))
                .config(sorted)
                .maskedKeys(masked)
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
    }

    private static MetadataEvent event(EventPayload payload) {
        return new MetadataEvent("e-1", CLUSTER, "worker-1:8083", Instant.parse("2026-12-01T00:00:00Z"), 0,
                Instant.parse("2026-12-01T00:00:01Z"), payload);
    }

    private String scrape() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
