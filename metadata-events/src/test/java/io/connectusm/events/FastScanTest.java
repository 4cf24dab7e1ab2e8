package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link EventScanner} ({@link FastScan}): it is taken for what workers send (else the optimisation
 * silently vanishes), and at its edges — escapes and {@code \\u} surrogates in names and values, multi-byte and broken
 * UTF-8, number forms other than a plain integer, a repeated name in every object, unsorted map keys, whitespace
 * anywhere, a document cut at every byte — it agrees with the exact path and the codec ({@link ScannerParity}
 * checks all three on each input). Seeded; a failure prints the input to replay.
 */
class FastScanTest {

    @Test
    void whatWorkersSendTakesTheFastPath() {
        RandomEvents events = new RandomEvents(17);
        for (int i = 0; i < 300; i++) {
            List<MetadataEvent> batch = events.batch(1 + i % 10);
            byte[] json = ScannerParity.CODEC.encodeBatch(batch);
            List<ScannedEvent> fast = FastScan.batch(json, text -> false);
            assertThat(fast).as("the fast path answers a worker's batch %s", ScannerParity.base64(json)).isNotNull()
                    .hasSameSizeAs(batch);
            assertThat(FastScan.batch(json, null)).isNotNull();
            for (MetadataEvent event : batch) {
                assertThat(FastScan.one(ScannerParity.CODEC.encode(event))).isNotNull();
            }
        }
        assertThat(FastScan.batch(ScannerParity.CODEC.encodeBatch(SampleEvents.allTypes()), null)).hasSize(4);
    }

    @Test
    void editsAtTheEdgesOfTheFastPathAreJudgedAlikeByAllThree() {
        RandomEvents events = new RandomEvents(2026);
        Random random = new Random(2026);
        int accepted = 0;
        int refused = 0;
        int fast = 0;
        for (int i = 0; i < 2_500; i++) {
            ArrayNode batch = Json.array(ScannerParity.CODEC.encodeBatch(events.batch(1 + random.nextInt(3))));
            if (random.nextInt(4) == 0) {
                reorderEntries(batch, random);
            }
            byte[] json = Json.bytes(batch);
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                json = edit(json, random);
            }
            if (judge(json)) {
                accepted++;
                fast += FastScan.batch(json, null) == null ? 0 : 1;
            } else {
                refused++;
            }
        }
        // Both verdicts must be common, or the edits try nothing.
        assertThat(accepted).isGreaterThan(250);
        assertThat(refused).isGreaterThan(250);
        // And the fast path must have answered many of the accepted ones itself (edits it reads, such as escapes,
        // whitespace and unsorted keys), or its acceptances were never held to the others.
        assertThat(fast).isGreaterThan(accepted / 3);
    }

    @Test
    void aBatchCutAtEveryByteIsJudgedAlikeByAllThree() {
        byte[] json = ScannerParity.CODEC.encodeBatch(SampleEvents.allTypes());
        for (int length = 0; length < json.length; length++) {
            judge(java.util.Arrays.copyOf(json, length));
        }
        judge(json);
    }

    /** Whether all three accepted {@code json}; throws if they disagree. */
    private static boolean judge(byte[] json) {
        try {
            ScannerParity.batch(json);
            return true;
        } catch (EventDecodingException refused) {
            return false;
        }
    }

    /** Map-like objects (config, mask reasons, inventories) in another order than sorted. */
    private static void reorderEntries(ArrayNode batch, Random random) {
        for (JsonNode event : batch) {
            JsonNode data = event.path("data");
            for (String field : List.of("config", "mask_reasons", "connectors")) {
                if (data.get(field) instanceof ObjectNode entries && entries.size() > 1) {
                    List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
                    entries.properties().forEach(all::add);
                    Collections.shuffle(all, random);
                    entries.removeAll();
                    all.forEach(entry -> entries.set(entry.getKey(), entry.getValue()));
                }
            }
        }
    }

    private static final String[] INSERTED_IN_STRINGS = {"\\u0041", "\\u00e9", "\\u4E2D", "\\uD83D\\uDE00",
        "\\uDE00\\uD83D", "\\uD800", "\\uDC00x", "\\/", "\\\"", "\\\\", "\\n\\t\\r\\b\\f", "\\x", "\\u12", "\\U0041",
        "é", "中", "😀", "\u007f", "\u0001", "\t"};
    private static final byte[][] BROKEN_UTF8 = {{(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe4, (byte) 0xb8},
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xff}, {(byte) 0xe0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}};
    private static final String[] NUMBERS = {"-0", "0", "-1", "1e2", "1E2", "1.0", "0.5", "01", "00", "2147483647",
        "2147483648", "9223372036854775807", "9223372036854775808", "999999999999999999", "1000000000000000000",
        "-2147483649", "1-", "1x"};
    private static final String[] WHITESPACE = {" ", "\t", "\n", "\r", "\r\n  ", "\f", "\u00a0", "\u000b"};

    /** One edit where the fast path must be careful; positions come from a light look at the JSON's structure. */
    private static byte[] edit(byte[] json, Random random) {
        Places places = new Places(json);
        if (places.stringStarts.isEmpty() || places.firstNames.isEmpty()) {
            return json;
        }
        switch (random.nextInt(6)) {
            case 0:
                return insert(json, pick(places.stringStarts, random),
                        INSERTED_IN_STRINGS[random.nextInt(INSERTED_IN_STRINGS.length)].getBytes(StandardCharsets.UTF_8));
            case 1:
                return insert(json, pick(places.stringStarts, random), BROKEN_UTF8[random.nextInt(BROKEN_UTF8.length)]);
            case 2:
                if (places.numbers.isEmpty()) {
                    return json;
                }
                int[] number = places.numbers.get(random.nextInt(places.numbers.size()));
                return replace(json, number[0], number[1], NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3:
                // A repeated name: the object's first name again, in front, with null (or its value's start).
                int[] first = places.firstNames.get(random.nextInt(places.firstNames.size()));
                String name = new String(json, first[0], first[1] - first[0], StandardCharsets.UTF_8);
                return insert(json, first[0], (name + (random.nextBoolean() ? ":null," : ":\"x\",")).getBytes(
                        StandardCharsets.UTF_8));
            case 4:
                return insert(json, pick(places.gaps, random),
                        WHITESPACE[random.nextInt(WHITESPACE.length)].getBytes(StandardCharsets.UTF_8));
            default:
                int at = random.nextInt(json.length + 1);
                return random.nextBoolean() ? java.util.Arrays.copyOf(json, at) : replace(json, at,
                        Math.min(json.length, at + 1), String.valueOf("{}[],:\"0tn".charAt(random.nextInt(10))));
        }
    }

    private static int pick(List<Integer> positions, Random random) {
        return positions.get(random.nextInt(positions.size()));
    }

    private static byte[] insert(byte[] json, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + inserted.length);
        out.write(json, 0, at);
        out.writeBytes(inserted);
        out.write(json, at, json.length - at);
        return out.toByteArray();
    }

    private static byte[] replace(byte[] json, int from, int to, String replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        out.write(json, 0, from);
        out.writeBytes(replacement.getBytes(StandardCharsets.UTF_8));
        out.write(json, to, json.length - to);
        return out.toByteArray();
    }

    /** Where edits go in a compact JSON document: inside strings, between tokens, at numbers, at first names. */
    private static final class Places {
        /** Just after the opening quote of each string (names and values). */
        final List<Integer> stringStarts = new ArrayList<>();
        /** After each {@code { [ , :} and before each {@code } ]}: where whitespace may stand. */
        final List<Integer> gaps = new ArrayList<>();
        /** {@code [start, end)} of each number. */
        final List<int[]> numbers = new ArrayList<>();
        /** {@code [start, end)} of the quoted first name of each non-empty object. */
        final List<int[]> firstNames = new ArrayList<>();

        Places(byte[] json) {
            boolean inString = false;
            int nameStart = -1;
            for (int i = 0; i < json.length; i++) {
                byte b = json[i];
                if (inString) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        inString = false;
                        if (nameStart >= 0) {
                            firstNames.add(new int[] {nameStart, i + 1});
                            nameStart = -1;
                        }
                    }
                    continue;
                }
                if (b == '"') {
                    inString = true;
                    stringStarts.add(i + 1);
                    if (i > 0 && json[i - 1] == '{') {
                        nameStart = i;
                    }
                } else if (b == '{' || b == '[' || b == ',' || b == ':') {
                    gaps.add(i + 1);
                } else if (b == '}' || b == ']') {
                    gaps.add(i);
                } else if (b >= '0' && b <= '9' || b == '-') {
                    int end = i;
                    while (end < json.length && (json[end] >= '0' && json[end] <= '9' || json[end] == '-')) {
                        end++;
                    }
                    numbers.add(new int[] {i, end});
                    i = end - 1;
                }
            }
        }
    }
}
