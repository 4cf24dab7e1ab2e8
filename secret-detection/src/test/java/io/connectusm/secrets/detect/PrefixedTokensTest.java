package io.connectusm.secrets.detect;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Random;
import java.util.stream.Stream;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static org.assertj.core.api.Assertions.assertThat;

/** Every announced token format: a body of its alphabet within its lengths is found; too short or glued is not. */
class PrefixedTokensTest {

    private static final Random RANDOM = new Random();

    @TestFactory
    Stream<DynamicTest> everyFormatIsFoundAtItsLengthsAndNotOutsideThem() {
        return PrefixedTokens.FORMATS.stream().map(format -> DynamicTest.dynamicTest(format.prefix, () -> {
            for (int length : new int[] {format.min, format.max}) {
                String token = format.prefix + body(format, length);
                assertThat(inText("x " + token + " y")).as(format.prefix + length)
                        .containsExactly(format.kind.code() + ":" + token);
                assertThat(inText("glued" + token)).as("not at a word start")
                        .doesNotContain(format.kind.code() + ":" + token);
            }
            String tooShort = format.prefix + body(format, format.min - 1);
            assertThat(inText("x " + tooShort + " y")).as("too short").isEmpty();
        }));
    }

    private static String body(PrefixedTokens.Format format, int length) {
        String alphabet = alphabet(format.alphabet);
        StringBuilder body = new StringBuilder();
        if (format.marker != null) {
            body.append(format.marker);
        }
        while (body.length() < length) {
            body.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return body.substring(0, length);
    }

    private static String alphabet(PrefixedTokens.Alphabet alphabet) {
        StringBuilder chars = new StringBuilder();
        for (char c = 33; c < 127; c++) {
            // Bodies made only of letters and digits of the alphabet end cleanly at the following space.
            if (alphabet.accepts(c) && Character.isLetterOrDigit(c)) {
                chars.append(c);
            }
        }
        return chars.toString();
    }
}
