package io.connectusm.events;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Decoding is total: whatever the bytes, it returns events or throws {@link EventDecodingException}, never
 * anything else; and {@link EventScanner} agrees with the codec on every input, accepted or refused. Inputs are seeded, so a failure names the seed and the input to replay.
 */
class DecodeTotalityTest {

    private static final String[] FRAGMENTS = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "-1", "1e999", "0.5",
        "99999999999999999999999", "\"specversion\"", "\"data\"", "\"tasks\"", "\"config\"", "\"sequence\"", "\u00ff",
        "\"RUNNING\"", "\"io.connectusm.connector.snapshot\"", "\"sha256:\"",
    };

    private final EventCodec codec = new EventCodec();

    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(1234);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 0) {
                bytes[0] = (byte) (i % 2 == 0 ? '[' : '{');
            }
            assertTotal(bytes, "random bytes, seed 1234, input " + i);
        }
    }

    @Test
    void mutationsOfAValidBatchNeverThrowAnythingElse() {
        byte[] valid = codec.encodeBatch(SampleEvents.allTypes());
        Random random = new Random(5678);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = mutate(valid, random);
            assertTotal(mutated, "mutation, seed 5678, input " + i);
        }
    }

    @Test
    void mutationsOfGeneratedEventsNeverThrowAnythingElse() {
        RandomEvents events = new RandomEvents(31337);
        Random random = new Random(31337);
        for (int i = 0; i < 3_000; i++) {
            byte[] valid = codec.encodeBatch(events.batch(1 + random.nextInt(3)));
            assertTotal(mutate(valid, random), "generated mutation, seed 31337, input " + i);
        }
    }

    private byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int edit = 0; edit < edits; edit++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = splice(bytes, at, Math.min(bytes.length, at + random.nextInt(40)), new byte[0]);
                case 2 -> bytes = splice(bytes, at, at,
                        FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
                default -> bytes = splice(bytes, at, bytes.length, new byte[0]);
            }
            if (bytes.length == 0) {
                break;
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    /** Total, and the scanner agrees with the codec on the same bytes ({@link ScannerParity}). */
    private void assertTotal(byte[] bytes, String replay) {
        for (Consumer<byte[]> decode : List.<Consumer<byte[]>>of(ScannerParity::batch, ScannerParity::one)) {
            try {
                decode.accept(bytes);
            } catch (EventDecodingException expected) {
                if (expected.field() == null || expected.kind() == null) {
                    fail("incomplete EventDecodingException for " + replay);
                }
            } catch (Throwable other) {
                throw new AssertionError(replay + ": " + other + " for input (base64) "
                        + Base64.getEncoder().encodeToString(bytes), other);
            }
        }
    }
}
