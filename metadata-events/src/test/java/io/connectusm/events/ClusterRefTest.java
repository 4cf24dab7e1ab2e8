package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterRef#isSource} answers exactly {@code source.equals(ref.source())}: on generated IDs of unreserved
 * characters (its shortcut), of reserved, percent, non-ASCII and surrogate-pair characters (the built source), and on
 * sources that are the right one, one character changed, inserted or dropped, the segments swapped or split
 * elsewhere (20,000 seeds).
 */
class ClusterRefTest {

    private static final String ALPHABET = "aZ09-._~/%:@ \u00e9\u20ac\ud83d\ude00";

    @Test
    void isSourceIsEqualityWithTheBuiltSource() {
        for (long seed = 0; seed < 20_000; seed++) {
            Random random = new Random(seed);
            ClusterRef ref = new ClusterRef(id(random), id(random));
            String source = ref.source();
            for (String candidate : new String[] {source, mutated(source, random), mutated(source, random),
                "/connect/" + ref.connectClusterId() + "/" + ref.kafkaClusterId(),
                "/connect/" + ref.kafkaClusterId() + ref.connectClusterId() + "/",
                "/connect/" + ref.kafkaClusterId() + "/" + ref.connectClusterId(),
                "connect/" + ref.kafkaClusterId() + "/" + ref.connectClusterId() + "/"}) {
                assertThat(ref.isSource(candidate)).as("seed %d", seed).isEqualTo(candidate.equals(source));
            }
        }
    }

    /** Mostly unreserved (the shortcut), sometimes any character of {@link #ALPHABET}; never empty. */
    private static String id(Random random) {
        boolean unreserved = random.nextInt(3) > 0;
        StringBuilder id = new StringBuilder();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            if (unreserved) {
                id.append(ALPHABET.charAt(random.nextInt(8)));
            } else {
                int at = random.nextInt(ALPHABET.length() - 1);
                id.append(Character.isHighSurrogate(ALPHABET.charAt(at)) ? ALPHABET.substring(at, at + 2)
                        : String.valueOf(Character.isLowSurrogate(ALPHABET.charAt(at)) ? 'x' : ALPHABET.charAt(at)));
            }
        }
        return id.toString();
    }

    private static String mutated(String source, Random random) {
        int at = random.nextInt(source.length());
        char c = ALPHABET.charAt(random.nextInt(12));
        switch (random.nextInt(3)) {
            case 0:
                return source.substring(0, at) + c + source.substring(at + 1);
            case 1:
                return source.substring(0, at) + c + source.substring(at);
            default:
                return source.substring(0, at) + source.substring(at + 1);
        }
    }
}
