package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBytes#name(String, int)} and {@link JsonBytes#scalar(JsonNode, int)}: a guess (a name or value read
 * earlier in the same document, with where its bytes are) never changes what is read, only whether a new string is
 * made — tried on generated names and values (plain ASCII, with escapes, {@code \\u} surrogate pairs, multi-byte
 * UTF-8; numbers and literals) against guesses that are the same text, the raw (escaped) text, one character changed,
 * shorter, longer, and none; and the cursor ends in the same place (20,000 seeds each).
 */
class JsonBytesTest {

    private static final String[] PIECES = {"a", "Z", "0", ".", " ", "~", "\\u0041", "\\n", "\\\"", "\\\\", "\\/",
        "\u00e9", "\u20ac", "\ud83d\ude00", "\\ud83d\\ude00"};

    @Test
    void aGuessedNameIsTakenOnlyWhenItIsThePlainName() {
        for (long seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            String raw = raw(random);
            byte[] alone = ("{\"" + raw + "\": 1}").getBytes(StandardCharsets.UTF_8);
            JsonBytes reference = new JsonBytes(alone);
            assertThat(reference.openObject()).isTrue();
            String expected = reference.name();
            for (String guessText : guesses(expected, raw, random)) {
                byte[] document = ("{\"" + quoted(guessText) + "\":0,\"" + raw + "\": 1}")
                        .getBytes(StandardCharsets.UTF_8);
                JsonBytes json = new JsonBytes(document);
                assertThat(json.openObject()).isTrue();
                String guess;
                try {
                    guess = json.name();
                } catch (NotFast e) {
                    continue; // a guess the fast path does not read: it gives the whole document up
                }
                int guessFrom = json.plainFrom();
                json.scalar();
                assertThat(json.nextMember()).isTrue();
                int start = json.position();
                String read = json.name(guess, guessFrom);
                assertThat(read).as("seed %d", seed).isEqualTo(expected);
                assertThat(json.position() - start).as("seed %d", seed).isEqualTo(reference.position() - 1);
                if (read == guess) {
                    assertThat(isPlainAscii(raw)).as("seed %d: a guess taken for an unplain name", seed).isTrue();
                } else {
                    assertThat(isPlainAscii(raw) && guessFrom >= 0 && guess.equals(expected))
                            .as("seed %d: a plain guess not taken", seed).isFalse();
                }
            }
        }
    }

    @Test
    void aGuessedValueIsTakenOnlyWhenItIsThePlainString() {
        for (long seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            String raw = raw(random);
            String[] forms = {"\"" + raw + "\"", "12", "true", "null"};
            String form = forms[random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0];
            JsonBytes reference = new JsonBytes(("[" + form + "]").getBytes(StandardCharsets.UTF_8));
            assertThat(reference.openArray()).isTrue();
            JsonNode expected = reference.scalar();
            String text = expected.isTextual() ? expected.textValue() : "12";
            for (String guessText : guesses(text, raw, random)) {
                String guessForm = random.nextInt(6) == 0 ? "12" : "\"" + quoted(guessText) + "\"";
                byte[] document = ("[" + guessForm + "," + form + "]").getBytes(StandardCharsets.UTF_8);
                JsonBytes json = new JsonBytes(document);
                assertThat(json.openArray()).isTrue();
                JsonNode guess;
                try {
                    guess = json.scalar();
                } catch (NotFast e) {
                    continue; // as above
                }
                int guessFrom = guess.isTextual() ? json.plainFrom() : -1;
                assertThat(json.nextItem()).isTrue();
                JsonNode read = json.scalar(guess, guessFrom);
                assertThat(json.nextItem()).isFalse();
                assertThat(read).as("seed %d", seed).isEqualTo(expected);
                assertThat(read.getClass()).as("seed %d", seed).isEqualTo(expected.getClass());
                // (true, false, null and "" are Jackson's shared nodes: the same object whatever the guess.)
                if (read == guess && expected.isTextual() && !expected.textValue().isEmpty()) {
                    assertThat(isPlainAscii(raw)).as("seed %d: a guess taken for an unplain string", seed).isTrue();
                }
            }
        }
    }

    /** Mostly plain ASCII, else any of {@link #PIECES} (escapes and multi-byte UTF-8), as it stands in JSON. */
    private static String raw(Random random) {
        boolean plain = random.nextBoolean();
        StringBuilder raw = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            raw.append(PIECES[random.nextInt(plain ? 6 : PIECES.length)]);
        }
        return raw.toString();
    }

    /** The texts a guess is tried with: the same, the raw JSON, one longer, shorter, one character changed. */
    private static String[] guesses(String expected, String raw, Random random) {
        return new String[] {expected, raw, expected + "a", expected.isEmpty() ? "a" : expected.substring(1),
            changed(expected, random)};
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static boolean isPlainAscii(String raw) {
        return raw.chars().allMatch(c -> c >= 0x20 && c < 0x80 && c != '\\' && c != '"');
    }

    private static String changed(String text, Random random) {
        if (text.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(text.length());
        char c = (char) (text.charAt(at) ^ 1);
        return text.substring(0, at) + (Character.isSurrogate(c) ? 'x' : c) + text.substring(at + 1);
    }
}
