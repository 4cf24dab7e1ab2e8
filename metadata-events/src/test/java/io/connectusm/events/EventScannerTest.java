package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the scanner promises beyond agreeing with the codec ({@link ScannerParity}): each event's bytes are exactly
 * the emitter's, whatever the layout and encoding; and an inspector sees every string an event carries, including
 * those of fields the contract does not know, which travel on in those bytes — but for the values the event's type
 * holds to a fixed format, where a secret gets the event refused instead.
 */
class EventScannerTest {

    private static final EventScanner SCANNER = new EventScanner();
    private static final EventCodec CODEC = new EventCodec();

    @Test
    void eachEventIsTheSliceOfTheDocumentTheEmitterSent() throws Exception {
        ArrayNode batch = Json.array(CODEC.encodeBatch(SampleEvents.allTypes()));
        ((ObjectNode) batch.get(1)).putObject("x-added-by-a-proxy").put("hop", 2);
        String pretty = "  \n" + Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(batch) + "\n";
        byte[] json = pretty.getBytes(StandardCharsets.UTF_8);

        List<ScannedEvent> events = SCANNER.scanBatch(json);

        assertThat(events).hasSize(4);
        String rest = pretty;
        for (int i = 0; i < events.size(); i++) {
            String slice = new String(events.get(i).json(), StandardCharsets.UTF_8);
            assertThat(slice).startsWith("{").endsWith("}").contains("\n");
            assertThat(rest).contains(slice);
            rest = rest.substring(rest.indexOf(slice) + slice.length());
            assertThat(CODEC.decode(events.get(i).json())).isEqualTo(SampleEvents.allTypes().get(i));
            byte[] copied = new byte[events.get(i).length() + 2];
            events.get(i).copyJson(copied, 1);
            assertThat(new String(copied, 1, events.get(i).length(), StandardCharsets.UTF_8)).isEqualTo(slice);
        }
        assertThat(new String(events.get(1).json(), StandardCharsets.UTF_8)).contains("x-added-by-a-proxy");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstEvent() {
        byte[] plain = CODEC.encodeBatch(SampleEvents.allTypes());
        byte[] json = new byte[plain.length + 3];
        json[0] = (byte) 0xEF;
        json[1] = (byte) 0xBB;
        json[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, json, 3, plain.length);

        List<ScannedEvent> events = ScannerParity.SCANNER.scanBatch(json);

        ScannerParity.batch(json);
        assertThat(events.get(0).json()[0]).isEqualTo((byte) '{');
        assertThat(CODEC.decode(events.get(0).json())).isEqualTo(SampleEvents.allTypes().get(0));
    }

    @Test
    void aDocumentInUtf16IsAcceptedAsTheCodecDoesAndItsEventsComeOutInUtf8() {
        String text = new String(CODEC.encodeBatch(SampleEvents.allTypes()), StandardCharsets.UTF_8);
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            byte[] json = text.getBytes(charset);

            List<MetadataEvent> decoded = ScannerParity.batch(json);
            List<ScannedEvent> events = SCANNER.scanBatch(json);

            assertThat(decoded).isEqualTo(SampleEvents.allTypes());
            assertThat(CODEC.decode(events.get(3).json())).isEqualTo(decoded.get(3));
            assertThat(events.get(3).json()[0]).isEqualTo((byte) '{');
        }
        byte[] broken = "[{\"id\": \"x".getBytes(StandardCharsets.UTF_16LE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScannerParity.batch(broken))
                .isInstanceOf(EventDecodingException.class);
    }

    @Test
    void theInspectorSeesEveryStringOfEveryEvent() {
        RandomEvents random = new RandomEvents(99);
        for (int round = 0; round < 300; round++) {
            ArrayNode batch = Json.array(CODEC.encodeBatch(random.batch(3)));
            ObjectNode unknown = ((ObjectNode) batch.get(round % 3)).putObject("x-unknown-" + round);
            unknown.put("note", "n-" + round).putArray("nested").addObject().put("deep-key-" + round, "deep-value");
            ((ObjectNode) batch.get(0).get("data")).putArray("x-list").add("item-" + round);

            Set<String> expected = new HashSet<>();
            batch.forEach(event -> strings(withoutCheckedFormats(event), false, expected));
            List<String> seen = new ArrayList<>();
            SCANNER.scanBatch(Json.bytes(batch), text -> {
                seen.add(text);
                return false;
            });

            assertThat(new HashSet<>(seen)).as("round %d", round).containsAll(expected);
        }
    }

    @Test
    void anEventIsFlaggedWhenTheInspectorSaysYesToOneOfItsStringsWhereverItIs() {
        String canary = SampleEvents.CANARY;
        List<java.util.function.Consumer<ObjectNode>> plantings = List.of(
                event -> ((ObjectNode) event.get("data").get("config")).put("connection.url", "jdbc:x://u:" + canary + "@h"),
                event -> ((ObjectNode) event.get("data").get("config")).put("key-" + canary, "v"),
                event -> ((ObjectNode) event.get("data")).put("trace", "java.lang.Exception: " + canary),
                event -> ((ObjectNode) event.get("data").get("tasks").get(1)).put("trace", canary),
                event -> event.put("x-future", canary),
                event -> event.putObject("x-future").putArray("a").add(canary),
                event -> ((ObjectNode) event.get("data")).putObject("x-future").put(canary, 1),
                event -> ((ObjectNode) event.get("data")).put("kafka_version", canary),
                event -> ((ObjectNode) event.get("data").get("tasks").get(0)).putArray("x").add(canary),
                event -> event.put("workerid", canary));
        for (int i = 0; i < plantings.size(); i++) {
            ArrayNode batch = Json.array(CODEC.encodeBatch(SampleEvents.allTypes()));
            ObjectNode snapshot = (ObjectNode) batch.get(0);
            plantings.get(i).accept(snapshot);
            refingerprint(snapshot);

            List<ScannedEvent> events = SCANNER.scanBatch(Json.bytes(batch), text -> text.contains(canary));

            assertThat(events.get(0).flagged()).as("planting %d", i).isTrue();
            assertThat(events.subList(1, 4)).extracting(ScannedEvent::flagged).containsOnly(false);
            assertThat(SCANNER.scanBatch(Json.bytes(batch)).get(0).flagged()).isFalse();
        }
    }

    @Test
    void toStringShowsTheEnvelopeButNoPayloadValue() {
        ScannedEvent event = SCANNER.scanBatch(CODEC.encodeBatch(List.of(SampleEvents.event(SampleEvents.snapshot(), 0))))
                .get(0);

        assertThat(event.toString()).contains("jdbc-sink-orders").doesNotContain("jdbc:postgresql");
    }

    /**
     * The event without the values its type holds to a fixed format (the envelope's specversion, type, time, epoch
     * and sequence; a snapshot's connector type, state, cause, trace mode, fingerprint and task states), which the
     * inspector is not shown: an event where one of them is not of its format is refused.
     */
    private static JsonNode withoutCheckedFormats(JsonNode event) {
        ObjectNode copy = (ObjectNode) event.deepCopy();
        copy.remove(List.of("specversion", "type", "time", "epoch", "sequence"));
        if (event.path("type").asText().endsWith("connector.snapshot") && copy.get("data") instanceof ObjectNode data) {
            data.remove(List.of("connector_type", "state", "cause", "trace_mode", "config_fingerprint"));
            data.path("tasks").forEach(task -> ((ObjectNode) task).remove("state"));
        }
        return copy;
    }

    @Test
    void aSecretInAFieldOfFixedFormatIsRefusedNotPassedUnlooked() {
        String canary = SampleEvents.CANARY;
        List<java.util.function.Consumer<ObjectNode>> plantings = List.of(
                event -> event.put("specversion", canary),
                event -> event.put("type", canary),
                event -> event.put("time", "2026-12-02T07:00:00Z " + canary),
                event -> event.put("epoch", canary),
                event -> ((ObjectNode) event.get("data")).put("state", canary),
                event -> ((ObjectNode) event.get("data")).put("connector_type", canary),
                event -> ((ObjectNode) event.get("data")).put("cause", canary),
                event -> ((ObjectNode) event.get("data")).put("trace_mode", canary),
                event -> ((ObjectNode) event.get("data")).put("config_fingerprint", "sha256:" + canary),
                event -> ((ObjectNode) event.get("data").get("tasks").get(0)).put("state", canary));
        for (int i = 0; i < plantings.size(); i++) {
            ArrayNode batch = Json.array(CODEC.encodeBatch(SampleEvents.allTypes()));
            plantings.get(i).accept((ObjectNode) batch.get(0));
            byte[] json = Json.bytes(batch);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> SCANNER.scanBatch(json, text -> text.contains(canary)))
                    .as("planting %d", i).isInstanceOf(EventDecodingException.class)
                    .hasMessageNotContaining(canary);
        }
    }

    @Test
    void theSameFieldsOfAnotherTypeAndTheSameKeysInsideConfigAreLookedAt() {
        String canary = SampleEvents.CANARY;
        List<MetadataEvent> events = SampleEvents.allTypes();
        for (int other = 1; other < events.size(); other++) {
            for (String field : List.of("state", "connector_type", "cause", "trace_mode", "config_fingerprint")) {
                ArrayNode batch = Json.array(CODEC.encodeBatch(events));
                ((ObjectNode) batch.get(other).get("data")).put(field, canary);
                List<ScannedEvent> scanned = SCANNER.scanBatch(Json.bytes(batch), text -> text.contains(canary));
                assertThat(scanned.get(other).flagged()).as("%s of a %s", field, scanned.get(other).type()).isTrue();
            }
        }
        ArrayNode batch = Json.array(CODEC.encodeBatch(events));
        ObjectNode snapshot = (ObjectNode) batch.get(0);
        ((ObjectNode) snapshot.get("data").get("config")).put("state", canary);
        refingerprint(snapshot);
        assertThat(SCANNER.scanBatch(Json.bytes(batch), text -> text.contains(canary)).get(0).flagged())
                .as("a config entry named state").isTrue();
    }

    @Test
    void aStringRepeatedInABatchIsLookedAtOncePerBatch() {
        List<MetadataEvent> snapshots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            snapshots.add(SampleEvents.event(SampleEvents.snapshot(), i));
        }
        byte[] json = CODEC.encodeBatch(snapshots);
        String worker = snapshots.get(0).workerId();
        List<String> seen = new ArrayList<>();

        SCANNER.scanBatch(json, text -> {
            seen.add(text);
            return false;
        });

        assertThat(seen).as("the worker ID, in every envelope, payload and task").containsOnlyOnce(worker);
        assertThat(new String(json, StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote("\"" + worker + "\""),
                -1).length - 1).isGreaterThanOrEqualTo(30);
    }

    /** Every string value of a tree, and every object key except the contract's own field names. */
    private static void strings(JsonNode node, boolean keysToo, Set<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("topics") && field.getValue().isArray() && !keysToo) {
                    continue; // a snapshot's topics: legal Kafka topic names, which the inspector is not shown
                }
                boolean mapLike = field.getKey().equals("config") || field.getKey().equals("connectors");
                boolean unknown = field.getKey().startsWith("x-");
                if (keysToo || unknown) {
                    out.add(field.getKey());
                }
                strings(field.getValue(), keysToo || mapLike || unknown, out);
            }
        } else if (node.isArray()) {
            node.forEach(item -> strings(item, keysToo, out));
        }
    }

    private static void refingerprint(ObjectNode event) {
        ObjectNode config = (ObjectNode) event.get("data").get("config");
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        config.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().textValue()));
        ((ObjectNode) event.get("data")).put("config_fingerprint", ConfigFingerprint.of(values));
    }
}
