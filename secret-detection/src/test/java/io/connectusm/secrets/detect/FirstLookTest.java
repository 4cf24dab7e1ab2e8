package io.connectusm.secrets.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusValues;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link FirstLook} may only say "nothing" where the full {@link Scan} finds nothing: held on every window of the
 * masking corpus (each secret cut at every length around the first look's bounds, where a short prefix of a token
 * sits next to its threshold) and on generated texts built from shape fragments, multibyte characters and
 * near-triggers, in both modes. A failure prints the text's length and the kinds found, never the text.
 */
class FirstLookTest {

    private static final String[] FRAGMENTS = {
        "sk_live_", "sk-", "ghp_", "xoxb-", "glpat-", "ya29.", "hvs.", "SG.", "AIza", "NRAK-", "dapi", "npm_", "eyJ",
        "eyJhbGciOiJIUzI1NiJ9", ".", "..", "AKIA", "ASIA", "MII", "MIIEvQIBADANBg", "-----BEGIN", "-----", "PRIVATE",
        "PuTTY-User-Key-File-", "Q~", "8Q~", "aws", "AWS", "\\u0070", "\u00e9", "\u20ac", "\ud83d\udd11", "\t", "\n",
        "_", "-", "/", "+", "~", "%40", "\\", "\"", "'", "password", "PaSsWoRd", "tOkEn", "abc", "XYZ", "0123456789",
        "AbCdEfGhIjKlMnOpQrSt", "hooks.slack.com/services/", "T3BlbkFJ",
    };

    @Test
    void everyWindowOfTheCorpusThatTheScanFlagsPassesTheFirstLook() {
        CorpusValues values = new CorpusValues(Corpus.seed());
        List<String> texts = new ArrayList<>();
        for (CorpusCase c : Corpus.all(values)) {
            texts.add(c.value());
            if (c.key() != null) {
                texts.add(c.key());
            }
        }
        int windows = 0;
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (int start = 0; start < Math.min(text.length(), 8); start++) {
                for (int end = start + 4; end <= Math.min(text.length(), start + 64); end++) {
                    holds(text.substring(start, end));
                    windows++;
                }
            }
        }
        assertThat(windows).isGreaterThan(10_000);
    }

    @Property(tries = 20_000)
    void neverSaysNothingWhereTheScanFindsSomething(@ForAll("texts") String text) {
        holds(text);
    }

    @Test
    void looksNoFurtherAtShortNamesKeysAndStates() {
        for (String harmless : List.of("setting.12", "RUNNING", "value-of-setting-12", "connector-00012", "********",
                "CONFIG_UPDATED", "org.apache.kafka", "io.connectusm.connector.snapshot")) {
            assertThat(FirstLook.mayFind(harmless)).as(harmless).isFalse();
        }
        for (String trigger : List.of("a=b1", "user@host", "x: y", "Bearer abc", "a>b")) {
            assertThat(FirstLook.mayFind(trigger)).as(trigger).isTrue();
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().withCharRange('0', 'z').ofMinLength(1).ofMaxLength(24),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(list -> String.join("", list));
    }

    private static void holds(String text) {
        for (CredentialScanner.Mode mode : CredentialScanner.Mode.values()) {
            for (boolean aws : new boolean[] {false, true}) {
                if (FirstLook.mayFind(text)) {
                    continue;
                }
                List<Finding> full = new Scan(text, mode, aws).run();
                assertThat(full.stream().map(f -> f.kind().code()).collect(java.util.stream.Collectors.toList()))
                        .as("kinds the full scan found in a text of %d characters the first look passed over",
                                text.length())
                        .isEmpty();
            }
        }
    }
}
