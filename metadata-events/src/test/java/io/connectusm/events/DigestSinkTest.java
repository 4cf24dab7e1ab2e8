package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DigestSink} hashes exactly the documented encoding (each string as its 4-byte UTF-8 length and its UTF-8
 * bytes, {@code null} as {@code 0xFFFFFFFF}) that {@link StateDigest} and {@link ConfigFingerprint} promise and the
 * agent's spool has stored: checked against {@code String.getBytes(UTF_8)} on strings written to break its fast
 * path — ASCII that turns multibyte at its last character, surrogate pairs across the buffer's edge, strings longer
 * than the buffer, runs of them that fill it to its edge (2,000 seeds).
 */
class DigestSinkTest {

    @Test
    void hashesTheLengthPrefixedUtf8OfEveryString() throws Exception {
        for (long seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            List<String> strings = new ArrayList<>();
            for (int n = random.nextInt(13); n > 0; n--) {
                strings.add(string(random));
            }
            DigestSink sink = new DigestSink();
            ByteArrayOutputStream reference = new ByteArrayOutputStream();
            for (String text : strings) {
                sink.string(text);
                byte[] utf8 = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
                reference.write(ByteBuffer.allocate(4).putInt(utf8 == null ? 0xFFFFFFFF : utf8.length).array());
                if (utf8 != null) {
                    reference.write(utf8);
                }
            }
            assertThat(sink.finish()).as("seed %d", seed)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(reference.toByteArray()));
        }
    }

    @Test
    void aLentSinkGivesEachDigestItsOwnStateWhetherNestedAbandonedOrReused() throws Exception {
        for (long seed = 0; seed < 500; seed++) {
            Random random = new Random(seed);
            List<String> outer = new ArrayList<>();
            List<String> inner = new ArrayList<>();
            for (int n = random.nextInt(9); n > 0; n--) {
                outer.add(string(random));
                inner.add(string(random));
            }
            if (random.nextBoolean()) {
                // A digest abandoned midway (as after an error): later digests on this thread must not see its bytes.
                DigestSink abandoned = DigestSink.acquire();
                abandoned.string(string(random));
            }
            DigestSink first = DigestSink.acquire();
            DigestSink second = DigestSink.acquire();
            assertThat(second).as("seed %d: a sink lent twice at once", seed).isNotSameAs(first);
            for (int i = 0; i < outer.size(); i++) {
                first.string(outer.get(i));
                second.string(inner.get(i));
            }
            assertThat(second.finish()).as("seed %d", seed).isEqualTo(fresh(inner));
            assertThat(first.finish()).as("seed %d", seed).isEqualTo(fresh(outer));
            DigestSink again = DigestSink.acquire();
            again.string("x");
            assertThat(again.finish()).as("seed %d: the sink after a finished digest", seed).isEqualTo(fresh(List.of("x")));
        }
    }

    @Test
    void threadsDoNotShareASink() throws Exception {
        List<String> strings = List.of("connector.class", "io.example.Sink", "\u00e9t\u00e9 \ud83d\ude00");
        byte[] expected = fresh(strings);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        DigestSink sink = DigestSink.acquire();
                        strings.forEach(sink::string);
                        if (!java.util.Arrays.equals(sink.finish(), expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] fresh(List<String> strings) {
        DigestSink sink = new DigestSink();
        strings.forEach(sink::string);
        return sink.finish();
    }

    @Test
    void keepsTheKnownFingerprintOfAConfigWithMultibyteKeysAndValues() {
        // Sorted by UTF-8 bytes: "a" < "é" < "😀"; the values: ASCII, 2-, 3- and 4-byte UTF-8, and null.
        java.util.Map<String, String> config = new java.util.HashMap<>();
        config.put("a", "plain");
        config.put("\u00e9", "caf\u00e9 \u20ac \ud83d\ude00");
        config.put("\ud83d\ude00", null);
        String expected = reference(List.of("a", "plain", "\u00e9", "caf\u00e9 \u20ac \ud83d\ude00", "\ud83d\ude00"), 4);
        assertThat(ConfigFingerprint.of(config)).isEqualTo(expected);
    }

    /** The fingerprint of the strings in order, the one at {@code nullAt} written as null after them. */
    private static String reference(List<String> strings, int nullAt) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String text : strings) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.write(ByteBuffer.allocate(4).putInt(utf8.length).array());
                out.write(utf8);
            }
            out.write(ByteBuffer.allocate(4).putInt(0xFFFFFFFF).array());
            return ConfigFingerprint.PREFIX
                    + ConfigFingerprint.hex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] MULTIBYTE = {"\u00e9", "\u20ac", "\ud83d\ude00", "\u007f", "\u0080", "\u07ff",
        "\u0800", "\uffff"};

    /** ASCII of any length up to past the buffer, turning multibyte at the end or anywhere; pairs; null. */
    private static String string(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return null;
            case 1:
                return "\ud83d\ude00".repeat(random.nextInt(600));
            default:
                StringBuilder out = new StringBuilder();
                int length = random.nextInt(random.nextBoolean() ? 40 : 1_100);
                for (int i = 0; i < length; i++) {
                    if (random.nextInt(20) == 0) {
                        out.append(MULTIBYTE[random.nextInt(MULTIBYTE.length)]);
                    } else {
                        out.append((char) random.nextInt(0x80));
                    }
                }
                if (random.nextBoolean()) {
                    out.append(MULTIBYTE[random.nextInt(MULTIBYTE.length)]);
                }
                return out.toString();
        }
    }
}
