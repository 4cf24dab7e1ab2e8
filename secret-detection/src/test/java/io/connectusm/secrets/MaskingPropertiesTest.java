package io.connectusm.secrets;

import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusValues;
import io.connectusm.secrets.corpus.Leaks;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corpus secrets mixed into random configs and texts at random positions, under random prefixes and in random
 * key case, among harmless entries: no part of a secret survives anywhere, and harmless values survive untouched.
 * The pool is the corpus loaded several times with values generated for this run.
 */
class MaskingPropertiesTest {

    private static final CorpusValues VALUES = new CorpusValues(Corpus.seed());
    private static final Set<String> PREFIX_AGNOSTIC = Set.of("type", "name");
    private static final Set<String> VALUE_CATEGORIES = Set.of("url", "inline", "shape");
    private static final List<String> PREFIXES = List.of("", "transforms.t1.", "predicates.p1.", "value.converter.",
            "key.converter.schema.registry.", "producer.override.", "source.cluster.", "target.producer.",
            "connector.client.", "x.");
    private static final List<String> FILLER = List.of("", "\n", " ", "\n\tat org.example.Foo.bar(Foo.java:12)\n",
            "Caused by: org.apache.kafka.connect.errors.ConnectException: failed\n", " while connecting; ", "\t");

    private static final List<CorpusCase> SECRET_CONFIGS = new ArrayList<>();
    private static final List<CorpusCase> HARMLESS_CONFIGS = new ArrayList<>();
    private static final List<CorpusCase> SECRET_TEXTS = new ArrayList<>();
    private static final List<CorpusCase> HARMLESS_TEXTS = new ArrayList<>();

    static {
        for (int round = 0; round < 4; round++) {
            for (CorpusCase c : Corpus.all(VALUES)) {
                boolean plain = c.setup().isEmpty() && !c.knownMiss();
                if (!plain) {
                    continue;
                }
                if (c.kind().equals("config") && c.harmless()) {
                    HARMLESS_CONFIGS.add(c);
                } else if (c.kind().equals("config") && (PREFIX_AGNOSTIC.contains(c.category())
                        || VALUE_CATEGORIES.contains(c.category()))) {
                    SECRET_CONFIGS.add(c);
                }
                if (c.kind().equals("text") && c.harmless()) {
                    HARMLESS_TEXTS.add(c);
                } else if (c.kind().equals("text") || (c.kind().equals("config") && !c.harmless()
                        && VALUE_CATEGORIES.contains(c.category()) && detectableWithoutItsKey(c))) {
                    SECRET_TEXTS.add(c);
                }
            }
        }
    }

    /** A value whose secret the context-free scrubber finds alone (not one that needs its key, e.g. {@code aws.}). */
    private static boolean detectableWithoutItsKey(CorpusCase c) {
        return !Leaks.anySurvives(c.secrets(), TextScrubber.standard().scrub(c.value()));
    }

    /** One corpus secret placed in a config: under a prefix, in some key case, maybe inside surrounding text. */
    record Placement(CorpusCase secret, String prefix, int keyCase, int wrap) {
        String key() {
            if (!PREFIX_AGNOSTIC.contains(secret.category())) {
                return secret.key();
            }
            String key = prefix + secret.key();
            return keyCase == 1 ? key.toUpperCase(Locale.ROOT) : keyCase == 2 ? key.toLowerCase(Locale.ROOT) : key;
        }

        String value() {
            if (!VALUE_CATEGORIES.contains(secret.category())) {
                return secret.value();
            }
            switch (wrap) {
                case 1:
                    return "note: " + secret.value();
                case 2:
                    return " " + secret.value() + " (see the runbook)";
                default:
                    return secret.value();
            }
        }

        @Override
        public String toString() {
            return secret.id() + " prefix=" + prefix + " case=" + keyCase + " wrap=" + wrap;
        }
    }

    @Provide
    Arbitrary<List<Placement>> placements() {
        return Combinators.combine(Arbitraries.of(SECRET_CONFIGS), Arbitraries.of(PREFIXES),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .as(Placement::new).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<CorpusCase>> harmlessConfigs() {
        return Arbitraries.of(HARMLESS_CONFIGS).list().ofMaxSize(25);
    }

    @Property(tries = 400)
    void noSecretSurvivesARandomConfigAndHarmlessValuesComeBackUnchanged(
            @ForAll("placements") List<Placement> secrets, @ForAll("harmlessConfigs") List<CorpusCase> harmless,
            @ForAll boolean strictPolicy) {
        Map<String, String> config = new LinkedHashMap<>();
        List<CorpusCase> kept = new ArrayList<>();
        for (CorpusCase h : harmless) {
            if (config.putIfAbsent(h.key(), h.value()) == null) {
                kept.add(h);
            }
        }
        List<Placement> placed = new ArrayList<>();
        for (Placement p : secrets) {
            if (config.putIfAbsent(p.key(), p.value()) == null) {
                placed.add(p);
            }
        }
        MaskingOptions options = MaskingOptions.builder()
                .policy(strictPolicy ? MaskingPolicy.STRICT : MaskingPolicy.DEFAULT).build();
        MaskedConfig masked = new ConfigMasker(options).mask(config, DeclaredKeys.none());

        String everything = String.join("\n", masked.config().values());
        String harmlessInputs = kept.stream().map(CorpusCase::value).collect(Collectors.joining("\n"));
        for (Placement p : placed) {
            assertThat(Leaks.anySurvives(p.secret().secrets(), everything, harmlessInputs)).as("%s leaked", p)
                    .isFalse();
        }
        if (!strictPolicy) {
            for (CorpusCase h : kept) {
                assertThat(masked.config().get(h.key())).as(h.id()).isEqualTo(h.value());
                assertThat(masked.reasons()).as(h.id()).doesNotContainKey(h.key());
            }
        }
    }

    @Provide
    Arbitrary<List<String>> fillers() {
        return Arbitraries.of(FILLER).list().ofMinSize(2).ofMaxSize(12);
    }

    @Property(tries = 300)
    void aTraceLosesEveryEchoOfItsConnectorsSecretsWhereverTheyAre(
            @ForAll("placements") List<Placement> secrets, @ForAll("fillers") List<String> filler,
            @ForAll("echoChoices") List<Integer> echoes) {
        Map<String, String> config = new LinkedHashMap<>();
        secrets.forEach(p -> config.putIfAbsent(p.key(), p.value()));
        MaskedConfig masked = new ConfigMasker(MaskingOptions.defaults()).mask(config, DeclaredKeys.none());
        List<String> secretsOfConfig = config.entrySet().stream()
                .filter(e -> masked.reasons().containsKey(e.getKey()))
                .flatMap(e -> secrets.stream().filter(p -> p.key().equals(e.getKey())).findFirst().stream())
                .flatMap(p -> p.secret().secrets().stream()).collect(Collectors.toList());
        StringBuilder trace = new StringBuilder("org.apache.kafka.connect.errors.ConnectException: failed");
        List<String> echoed = new ArrayList<>();
        for (int i = 0; i < echoes.size(); i++) {
            if (secretsOfConfig.isEmpty()) {
                break;
            }
            String secret = secretsOfConfig.get(Math.floorMod(echoes.get(i), secretsOfConfig.size()));
            String echo = echo(secret, echoes.get(i));
            echoed.add(echo);
            trace.append(filler.get(i % filler.size())).append(echo).append(filler.get((i + 1) % filler.size()));
        }
        String scrubbed = masked.traceScrubber().scrub(trace.toString());
        for (String echo : echoed) {
            assertThat(scrubbed.contains(echo)).as("an echo of a secret survived").isFalse();
        }
    }

    @Provide
    Arbitrary<List<Integer>> echoChoices() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(6);
    }

    /**
     * A generated secret, raw, URL-encoded or JSON-escaped. A generated secret is at most a part of the value it was
     * placed in (a password inside a URL, half of a JAAS password): echoing it alone is the half echo.
     */
    private static String echo(String secret, int choice) {
        switch (choice % 3) {
            case 1:
                return URLEncoder.encode(secret, StandardCharsets.UTF_8);
            case 2:
                return secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            default:
                return secret;
        }
    }

    @Provide
    Arbitrary<List<CorpusCase>> secretTexts() {
        return Arbitraries.of(SECRET_TEXTS).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<CorpusCase>> harmlessTexts() {
        return Arbitraries.of(HARMLESS_TEXTS).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 400)
    void theContextFreeScrubberRemovesDetectableSecretsAnywhereInAText(
            @ForAll("secretTexts") List<CorpusCase> secrets, @ForAll("harmlessTexts") List<CorpusCase> harmless,
            @ForAll("fillers") List<String> filler) {
        StringBuilder text = new StringBuilder();
        int h = 0;
        for (int i = 0; i < secrets.size(); i++) {
            text.append(harmless.get(h++ % harmless.size()).value()).append('\n')
                    .append(secrets.get(i).value()).append('\n').append(filler.get(i % filler.size())).append('\n');
        }
        String scrubbed = TextScrubber.standard().scrub(text.toString());
        String harmlessInputs = harmless.stream().map(CorpusCase::value).collect(Collectors.joining("\n"));
        for (CorpusCase secret : secrets) {
            assertThat(Leaks.anySurvives(secret.secrets(), scrubbed, harmlessInputs)).as("%s leaked", secret)
                    .isFalse();
        }
        assertThat(TextScrubber.standard().scrub(scrubbed)).as("idempotent").isEqualTo(scrubbed);
    }

    @Property(tries = 300)
    void aTextOfHarmlessLinesStaysAsItIs(@ForAll("harmlessTexts") List<CorpusCase> lines,
                                          @ForAll("fillers") List<String> separators) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i).value()).append('\n').append(separators.get(i % separators.size())).append('\n');
        }
        String original = text.toString();
        assertThat(TextScrubber.standard().scrub(original)).isEqualTo(original);
    }
}
