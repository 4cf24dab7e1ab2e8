package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBytes#name(String)}: a guess never changes the name read, only whether a new string is made — tried on
 * generated names (plain ASCII, with escapes, {@code \\u} surrogate pairs, multi-byte UTF-8) against guesses that are
 * the name, the name one character changed, shorter, longer, the decoded text of an escaped name, and none; and the
 * cursor ends in the same place (20,000 seeds).
 */
class JsonBytesTest {

    private static final String[] PIECES = {"a", "Z", "0", ".", " ", "~", "\\u0041", "\\n", "\\\"", "\\\\", "\\/",
        "\u00e9", "\u20ac", "\ud83d\ude00", "\\ud83d\\ude00"};

    @Test
    void aGuessIsTakenOnlyWhenItIsThePlainName() {
        for (long seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            boolean plain = random.nextBoolean();
            StringBuilder raw = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                raw.append(PIECES[random.nextInt(plain ? 6 : PIECES.length)]);
            }
            byte[] document = ("{\"" + raw + "\": 1}").getBytes(StandardCharsets.UTF_8);
            String expected = read(document, null).name;
            String[] guesses = {expected, raw.toString(), expected + "a", expected.isEmpty() ? "a" : expected.substring(1),
                changed(expected, random), null, new String(expected.toCharArray())};
            for (String guess : guesses) {
                Read read = read(document, guess);
                assertThat(read.name).as("seed %d", seed).isEqualTo(expected);
                assertThat(read.position).as("seed %d", seed).isEqualTo(read(document, null).position);
                if (read.name == guess) {
                    assertThat(isPlainAscii(raw.toString())).as("seed %d: a guess taken for an unplain name", seed)
                            .isTrue();
                }
            }
            if (isPlainAscii(raw.toString())) {
                String guess = new String(expected.toCharArray());
                assertThat(read(document, guess).name).as("seed %d: the plain guess is taken", seed).isSameAs(guess);
            }
        }
    }

    @Test
    void aGuessedValueIsTakenOnlyWhenItIsThePlainString() {
        com.fasterxml.jackson.databind.node.JsonNodeFactory nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        for (long seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            boolean plain = random.nextBoolean();
            StringBuilder raw = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                raw.append(PIECES[random.nextInt(plain ? 6 : PIECES.length)]);
            }
            String[] forms = {"\"" + raw + "\"", "12", "true", "null"};
            byte[] document = ("[" + forms[random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0] + "]")
                    .getBytes(StandardCharsets.UTF_8);
            com.fasterxml.jackson.databind.JsonNode expected = scalar(document, null);
            String text = expected.isTextual() ? expected.textValue() : "12";
            com.fasterxml.jackson.databind.JsonNode[] guesses = {nodes.textNode(new String(text.toCharArray())),
                nodes.textNode(raw.toString()), nodes.textNode(text + "a"), nodes.textNode(changed(text, random)),
                nodes.numberNode(12), nodes.nullNode(), nodes.booleanNode(true), null};
            for (com.fasterxml.jackson.databind.JsonNode guess : guesses) {
                com.fasterxml.jackson.databind.JsonNode read = scalar(document, guess);
                assertThat(read).as("seed %d", seed).isEqualTo(expected);
                assertThat(read.getClass()).as("seed %d", seed).isEqualTo(expected.getClass());
                // (true, false, null and "" are Jackson's shared nodes: the same object whatever the guess.)
                if (read == guess && expected.isTextual() && !expected.textValue().isEmpty()) {
                    assertThat(guess.isTextual() && isPlainAscii(raw.toString())).as("seed %d", seed).isTrue();
                }
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode scalar(byte[] document, com.fasterxml.jackson.databind.JsonNode guess) {
        JsonBytes json = new JsonBytes(document);
        assertThat(json.openArray()).isTrue();
        com.fasterxml.jackson.databind.JsonNode value = json.scalar(guess);
        assertThat(json.nextItem()).isFalse();
        return value;
    }

    private static boolean isPlainAscii(String raw) {
        return raw.chars().allMatch(c -> c >= 0x20 && c < 0x80 && c != '\\' && c != '"');
    }

    private static String changed(String text, Random random) {
        if (text.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(text.length());
        return text.substring(0, at) + (char) (text.charAt(at) ^ 1) + text.substring(at + 1);
    }

    private record Read(String name, int position) {
    }

    private static Read read(byte[] document, String guess) {
        JsonBytes json = new JsonBytes(document);
        assertThat(json.openObject()).isTrue();
        String name = json.name(guess);
        return new Read(name, json.position());
    }
}
