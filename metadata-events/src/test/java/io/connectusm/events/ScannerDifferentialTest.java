package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tries to make {@link EventScanner} and {@link EventCodec} disagree with faults the byte-level mutations of
 * {@link DecodeTotalityTest} rarely reach: several semantic faults in one event (the first one reported must be the
 * same), every JSON type in every field, fields and items in other orders, unknown fields at every level, repeated
 * keys, lone surrogates, and the same events pretty-printed. Seeded; a failure prints the input to replay.
 */
class ScannerDifferentialTest {

    private static final String LONE_SURROGATE = "LONE-SURROGATE-MARK";

    @Test
    void multipleFaultsPerEventAreReportedAlikeByBoth() {
        RandomEvents events = new RandomEvents(4242);
        Random random = new Random(4242);
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            ArrayNode batch = Json.array(ScannerParity.CODEC.encodeBatch(events.batch(1 + random.nextInt(3))));
            for (int faults = 1 + random.nextInt(3); faults > 0; faults--) {
                mutate(batch.get(random.nextInt(batch.size())), random);
            }
            refused += check(text(batch, random), "seed 4242, input " + i) ? 0 : 1;
        }
        // The faults are meant to be faults: most inputs must be refused, or the test tries nothing.
        org.assertj.core.api.Assertions.assertThat(refused).isGreaterThan(1_000);
    }

    /** Every pair of places of each type's sample event made wrong at once: the first fault named must agree. */
    @Test
    void everyPairOfFaultyPlacesIsReportedAlikeByBoth() {
        var nodes = Json.MAPPER.getNodeFactory();
        List<JsonNode> wrongs = List.of(nodes.objectNode(), nodes.numberNode(-1), nodes.textNode(""));
        List<MetadataEvent> samples = new java.util.ArrayList<>(SampleEvents.allTypes());
        samples.add(SampleEvents.event(SampleEvents.deletedWithActor(), 6)); // the actor's places of a deletion
        for (MetadataEvent sample : samples) {
            ObjectNode event = complete(Json.object(ScannerParity.CODEC.encode(sample)));
            ScannerParity.one(Json.bytes(event));
            int count = places(event).size();
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    for (JsonNode wrong : wrongs) {
                        ObjectNode copy = event.deepCopy();
                        List<Object[]> places = places(copy);
                        Object[] second = places.get(j);
                        set((JsonNode) places.get(i)[0], places.get(i)[1], wrong);
                        if (!isInside(copy, second)) {
                            continue;
                        }
                        set((JsonNode) second[0], second[1], wrong);
                        ArrayNode batch = Json.MAPPER.createArrayNode().add(copy);
                        check(Json.bytes(batch), sample.type() + " places " + i + " and " + j);
                    }
                }
            }
        }
    }

    @Test
    void reorderedAndPrettyPrintedEventsAreAcceptedAlikeByBoth() {
        RandomEvents events = new RandomEvents(777);
        Random random = new Random(777);
        for (int i = 0; i < 600; i++) {
            ArrayNode batch = Json.array(ScannerParity.CODEC.encodeBatch(events.batch(1 + random.nextInt(4))));
            for (JsonNode event : batch) {
                shuffleFields(event, random);
                if (random.nextBoolean()) {
                    ((ObjectNode) event).putObject("x-future").put("note", "skipped").putArray("list").add("a").add(1);
                }
            }
            byte[] json = random.nextBoolean() ? Json.bytes(batch) : pretty(batch);
            ScannerParity.batch(json);
        }
    }

    /** Whether both accepted; both refusing alike is checked by ScannerParity. */
    private static boolean check(byte[] json, String replay) {
        try {
            ScannerParity.batch(json);
            return true;
        } catch (EventDecodingException refusedByBoth) {
            return false;
        } catch (AssertionError disagreement) {
            throw new AssertionError(replay + ": " + disagreement.getMessage(), disagreement);
        }
    }

    /** One semantic fault somewhere in the event's tree. */
    private static void mutate(JsonNode event, Random random) {
        List<Object[]> places = new ArrayList<>();
        collect(event, places);
        Object[] place = places.get(random.nextInt(places.size()));
        JsonNode parent = (JsonNode) place[0];
        Object at = place[1];
        switch (random.nextInt(11)) {
            case 0 -> remove(parent, at);
            case 1 -> set(parent, at, oddValue(random));
            case 2 -> set(parent, at, Json.MAPPER.getNodeFactory().textNode(LONE_SURROGATE));
            case 3 -> {
                if (parent instanceof ObjectNode object) {
                    object.putObject("zz-unknown-" + random.nextInt(3)).putArray("deep").addObject().put("s", "v");
                } else {
                    ((ArrayNode) parent).add(oddValue(random));
                }
            }
            case 4 -> shuffleFields(event, random);
            case 5 -> {
                if (parent instanceof ArrayNode array && array.size() > 1) {
                    List<JsonNode> items = new ArrayList<>();
                    array.forEach(items::add);
                    Collections.shuffle(items, random);
                    array.removeAll();
                    items.forEach(array::add);
                } else {
                    set(parent, at, oddValue(random));
                }
            }
            case 6 -> {
                // A masked key whose value is not masked, or a masked key's value changed.
                JsonNode data = event.get("data");
                if (data instanceof ObjectNode object && object.get("masked_keys") instanceof ArrayNode keys) {
                    keys.add(random.nextBoolean() ? "topic" : "a" + random.nextInt(5));
                    if (object.get("config") instanceof ObjectNode config) {
                        config.put("a" + random.nextInt(5), "plain");
                    }
                } else {
                    remove(parent, at);
                }
            }
            case 7 -> {
                JsonNode data = event.get("data");
                if (data instanceof ObjectNode object && object.get("tasks") instanceof ArrayNode tasks && tasks.size() > 0) {
                    tasks.add(tasks.get(0).deepCopy());
                } else {
                    set(parent, at, oddValue(random));
                }
            }
            case 8 -> ((ObjectNode) event).put("subject", random.nextBoolean() ? "someone-else" : "");
            case 9 -> {
                // A topic repeated or one Kafka would not allow, among valid ones.
                JsonNode data = event.get("data");
                if (data instanceof ObjectNode object && object.has("tasks")) {
                    ArrayNode topics = object.get("topics") instanceof ArrayNode known ? known : object.putArray("topics");
                    topics.add("orders");
                    String[] wrong = {"orders", ".", "..", "a:b", "x".repeat(EventLimits.MAX_TOPIC_NAME_CHARS + 1),
                        "caf\u00e9", "a b", "a/b"};
                    topics.add(wrong[random.nextInt(wrong.length)]);
                } else {
                    remove(parent, at);
                }
            }
            default -> set(parent, at, Json.MAPPER.getNodeFactory().nullNode());
        }
    }

    private static JsonNode oddValue(Random random) {
        var nodes = Json.MAPPER.getNodeFactory();
        return switch (random.nextInt(12)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.numberNode(random.nextInt(5) - 2);
            case 2 -> nodes.numberNode(1.5);
            case 3 -> nodes.numberNode(new java.math.BigInteger("99999999999999999999999"));
            case 4 -> nodes.textNode("");
            case 5 -> nodes.textNode("RUNNING");
            case 6 -> nodes.textNode("-1");
            case 7 -> nodes.booleanNode(random.nextBoolean());
            case 8 -> nodes.objectNode().put("k", "v");
            case 9 -> nodes.arrayNode().add("v").add(1);
            case 10 -> nodes.textNode("2025-03-01T09:30:00Z");
            default -> nodes.textNode("sha256:" + "0".repeat(64));
        };
    }

    /** The sample with every optional field the contract knows present (and valid), so that each can be made wrong. */
    private static ObjectNode complete(ObjectNode event) {
        ObjectNode data = (ObjectNode) event.get("data");
        event.put("datacontenttype", "application/json");
        if (data.has("tasks")) {
            data.put("trace", "org.example.Failure: once");
            data.put("worker_id", "w:1");
            data.put("connector_class", "C");
            data.get("tasks").forEach(task -> ((ObjectNode) task).put("trace", "t").put("worker_id", "w:2"));
            data.putArray("topics").add("orders").add("orders.dlq_v-2");
        }
        if (data.has("plugins")) {
            data.put("kafka_version", "4.3.1");
            data.get("plugins").forEach(plugin -> ((ObjectNode) plugin).put("version", "1"));
        }
        return event;
    }

    private static List<Object[]> places(JsonNode event) {
        List<Object[]> places = new ArrayList<>();
        collect(event, places);
        return places;
    }

    /** Whether a place's parent is still part of the tree (the first change may have replaced an ancestor). */
    private static boolean isInside(JsonNode root, Object[] place) {
        for (Object[] candidate : places(root)) {
            if (candidate[0] == place[0]) {
                return true;
            }
        }
        return root == place[0];
    }

    private static void collect(JsonNode node, List<Object[]> places) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                places.add(new Object[] {object, field.getKey()});
                collect(field.getValue(), places);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                places.add(new Object[] {array, i});
                collect(array.get(i), places);
            }
        }
    }

    private static void remove(JsonNode parent, Object at) {
        if (parent instanceof ObjectNode object) {
            object.remove((String) at);
        } else {
            ((ArrayNode) parent).remove((Integer) at);
        }
    }

    private static void set(JsonNode parent, Object at, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set((String) at, value);
        } else {
            ((ArrayNode) parent).set((Integer) at, value);
        }
    }

    /** The fields of every object of the tree in a random order. */
    private static void shuffleFields(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            Collections.shuffle(fields, random);
            object.removeAll();
            for (Map.Entry<String, JsonNode> field : fields) {
                shuffleFields(field.getValue(), random);
                object.set(field.getKey(), field.getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> shuffleFields(item, random));
        }
    }

    /** The batch as text; sometimes with a repeated key spliced into an object, lone surrogates where marked. */
    private static byte[] text(ArrayNode batch, Random random) {
        String json = new String(Json.bytes(batch), StandardCharsets.UTF_8).replace(LONE_SURROGATE, "\\ud800");
        if (random.nextInt(8) == 0) {
            int brace = json.indexOf('{', random.nextInt(json.length()));
            if (brace > 0) {
                json = json.substring(0, brace + 1) + "\"twice\":1,\"twice\":2," + json.substring(brace + 1);
            }
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pretty(JsonNode tree) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
