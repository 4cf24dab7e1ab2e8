package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each way a batch can break the contract gives an {@link EventDecodingException} of kind MALFORMED that
 * names the field at fault. Every input carries {@link SampleEvents#CANARY} as a config value (a secret an
 * emitter failed to mask under an innocent key), and no message may contain it. {@link EventScanner} must refuse
 * each the same way ({@link ScannerParity}).
 */
class MalformedInputTest {

    private static final EventCodec CODEC = new EventCodec();

    /** A valid batch of the four types; the snapshot, first, has the canary in {@code connection.url}. */
    private static ArrayNode validBatch() {
        TreeMap<String, String> config = new TreeMap<>(SampleEvents.snapshot().config());
        config.put("connection.url", SampleEvents.CANARY);
        ConnectorSnapshot leaky = ConnectorSnapshot.builder()
                .name("jdbc-sink-orders")
                .connectorClass("io.confluent.connect.jdbc.JdbcSinkConnector")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .workerId(SampleEvents.WORKER)
                .tasks(SampleEvents.snapshot().tasks())
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("connection.password")))
                .cause(ChangeCause.CONFIG_UPDATED)
                .build();
        List<MetadataEvent> events = List.of(SampleEvents.event(leaky, 0), SampleEvents.event(SampleEvents.deleted(), 1),
                SampleEvents.event(SampleEvents.inventory(), 2), SampleEvents.event(SampleEvents.plugins(), 3));
        return Json.array(CODEC.encodeBatch(events));
    }

    static Stream<Arguments> brokenBatches() {
        return Stream.of(
                broken("missing id", "[0].id", e -> event(e, 0).remove("id")),
                broken("missing source", "[0].source", e -> event(e, 0).remove("source")),
                broken("missing type", "[0].type", e -> event(e, 0).remove("type")),
                broken("missing time", "[0].time", e -> event(e, 0).remove("time")),
                broken("missing specversion", "[0].specversion", e -> event(e, 0).remove("specversion")),
                broken("missing kafkaclusterid", "[0].kafkaclusterid", e -> event(e, 0).remove("kafkaclusterid")),
                broken("missing connectclusterid", "[0].connectclusterid", e -> event(e, 0).remove("connectclusterid")),
                broken("missing workerid", "[0].workerid", e -> event(e, 0).remove("workerid")),
                broken("missing epoch", "[0].epoch", e -> event(e, 0).remove("epoch")),
                broken("missing sequence", "[0].sequence", e -> event(e, 0).remove("sequence")),
                broken("missing data", "[0].data", e -> event(e, 0).remove("data")),
                broken("null id", "[1].id", e -> event(e, 1).putNull("id")),
                broken("empty id", "[1].id", e -> event(e, 1).put("id", "")),
                broken("id not a string", "[1].id", e -> event(e, 1).put("id", 17)),
                broken("unknown type", "[1].type", e -> event(e, 1).put("type", "io.connectusm.connector.exploded")),
                broken("old specversion", "[1].specversion", e -> event(e, 1).put("specversion", "0.3")),
                broken("time not RFC 3339", "[1].time", e -> event(e, 1).put("time", "yesterday")),
                broken("time without seconds", "[1].time", e -> event(e, 1).put("time", "2025-03-01T09:30Z")),
                broken("time past year 9999", "[1].time", e -> event(e, 1).put("time", "+10000-01-01T00:00:00Z")),
                broken("negative sequence", "[1].sequence", e -> event(e, 1).put("sequence", -1)),
                broken("negative sequence as text", "[1].sequence", e -> event(e, 1).put("sequence", "-1")),
                broken("fractional sequence", "[1].sequence", e -> event(e, 1).put("sequence", 1.5)),
                broken("sequence with leading zero", "[1].sequence", e -> event(e, 1).put("sequence", "01")),
                broken("sequence beyond 64 bits", "[1].sequence", e -> event(e, 1).put("sequence", "9223372036854775808")),
                broken("epoch not a number", "[1].epoch", e -> event(e, 1).put("epoch", "yesterday")),
                broken("source names another cluster", "[1].source", e -> event(e, 1).put("source", "/connect/lkc-other/connect-cluster")),
                broken("extension names another cluster", "[1].source", e -> event(e, 1).put("kafkaclusterid", "lkc-other")),
                broken("data not JSON", "[1].datacontenttype", e -> event(e, 1).put("datacontenttype", "text/plain")),
                broken("data a string", "[1].data", e -> event(e, 1).put("data", "s3-sink-legacy")),
                broken("subject not the connector", "[1].subject", e -> event(e, 1).put("subject", "other-connector")),
                broken("subject missing", "[1].subject", e -> event(e, 1).remove("subject")),
                broken("inventory with subject", "[2].subject", e -> event(e, 2).put("subject", "lkc-8x3mq2")),
                broken("bad connector state", "[0].data.state", e -> data(e, 0).put("state", "SLEEPING")),
                broken("state in lower case", "[0].data.state", e -> data(e, 0).put("state", "running")),
                broken("bad task state", "[0].data.tasks[1].state", e -> task(e, 1).put("state", "NOPE")),
                broken("negative task id", "[0].data.tasks[0].id", e -> task(e, 0).put("id", -1)),
                broken("duplicate task id", "[0].data.tasks[1].id", e -> task(e, 1).put("id", 0)),
                broken("bad cause", "[0].data.cause", e -> data(e, 0).put("cause", "BORED")),
                broken("bad connector type", "[0].data.connector_type", e -> data(e, 0).put("connector_type", 3)),
                broken("config value not a string", "[0].data.config[\"tasks.max\"]", e -> config(e).put("tasks.max", 2)),
                broken("config not an object", "[0].data.config", e -> data(e, 0).putArray("config")),
                broken("masked_keys missing", "[0].data.masked_keys", e -> data(e, 0).remove("masked_keys")),
                broken("fingerprint malformed", "[0].data.config_fingerprint", e -> data(e, 0).put("config_fingerprint", "sha256:XYZ")),
                broken("fingerprint of another config", "[0].data.config_fingerprint", e -> config(e).put("topics", "payments")),
                broken("connector name empty", "[0].data.name", e -> data(e, 0).put("name", "")),
                broken("bad inventory fingerprint", "[2].data.connectors[\"jdbc-sink-orders\"]",
                        e -> ((ObjectNode) data(e, 2).get("connectors")).put("jdbc-sink-orders", "sha1:00")),
                broken("plugin without class", "[3].data.plugins[0].class_name",
                        e -> ((ObjectNode) data(e, 3).get("plugins").get(0)).remove("class_name")),
                broken("plugins not an array", "[3].data.plugins", e -> data(e, 3).put("plugins", "all of them")),
                broken("event not an object", "[2]", e -> e.set(2, e.textNode("event"))),
                broken("topics not an array", "[0].data.topics", e -> data(e, 0).put("topics", "orders")),
                broken("topics an object", "[0].data.topics", e -> data(e, 0).putObject("topics").put("orders", "x")),
                broken("topic not a string", "[0].data.topics[1]", e -> data(e, 0).putArray("topics").add("a").add(7)),
                broken("topic null", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").addNull()),
                broken("topic empty", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("")),
                broken("topic with a colon", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("a:b")),
                broken("topic with a space", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("a b")),
                broken("topic with a slash", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("../x/y")),
                broken("topic with non-ASCII letter", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("caf\u00e9")),
                broken("topic with fullwidth digit", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("t\uff11")),
                broken("topic dot", "[0].data.topics[1]", e -> data(e, 0).putArray("topics").add("a").add(".")),
                broken("topic dot dot", "[0].data.topics[0]", e -> data(e, 0).putArray("topics").add("..")),
                broken("topic of 250 characters", "[0].data.topics[0]",
                        e -> data(e, 0).putArray("topics").add("t".repeat(EventLimits.MAX_TOPIC_NAME_CHARS + 1))),
                broken("topic repeated", "[0].data.topics[2]", e -> data(e, 0).putArray("topics").add("b").add("a").add("b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBatches")
    void brokenBatchIsMalformedAtTheFieldAtFault(String what, String field, byte[] json) {
        EventDecodingException error = decodeBatchError(json);

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).startsWith(field + ": ").doesNotContain(SampleEvents.CANARY);
        assertThat(error.getCause()).isNull();
    }

    @Test
    void validBatchWithTheCanaryDecodes() {
        assertThat(ScannerParity.batch(Json.bytes(validBatch()))).hasSize(4);
    }

    static Stream<Arguments> unreadableDocuments() {
        return Stream.of(
                Arguments.of("garbage bytes", new byte[] {0, (byte) 0xff, 0x13, 'x', (byte) 0xc3}),
                Arguments.of("no content", new byte[0]),
                Arguments.of("only whitespace", " \n\t ".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("an object, not an array", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a string, not an array", "\"[]\"".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("content after the array", "[] []".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("garbage after the array", "[]x".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unquoted secret", ("[" + SampleEvents.CANARY + "]").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("truncated", truncated()),
                Arguments.of("value where a name belongs", valueAsName()),
                Arguments.of("invalid UTF-8 in a value", invalidUtf8()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableDocuments")
    void unreadableDocumentIsMalformedWithoutEchoingIt(String what, byte[] json) {
        EventDecodingException error = decodeBatchError(json);

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
        assertThat(error.field()).isNotEmpty();
        assertThat(error.getMessage()).doesNotContain(SampleEvents.CANARY).doesNotContain("Canary");
        assertThat(error.getCause()).isNull();
    }

    @Test
    void documentLevelProblemsAreReportedAtTheRoot() {
        assertThat(decodeBatchError("{}".getBytes(StandardCharsets.UTF_8)).field()).isEqualTo("$");
        assertThat(decodeBatchError("[] 1".getBytes(StandardCharsets.UTF_8)).field()).isEqualTo("$");
        assertThat(decodeBatchError(new byte[0]).getMessage()).isEqualTo("$: expected a JSON array of events, found no content");
    }

    @Test
    void duplicateKeysAreRefusedRatherThanResolvedEitherWay() {
        String batch = new String(Json.bytes(validBatch()), StandardCharsets.UTF_8);
        String twice = batch.replace("\"topics\":\"orders\"", "\"topics\":\"orders\",\"topics\":\"" + SampleEvents.CANARY + "\"");

        EventDecodingException error = decodeBatchError(twice.getBytes(StandardCharsets.UTF_8));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
        assertThat(error.field()).isEqualTo("[0].data.config");
        assertThat(error.getMessage()).doesNotContain(SampleEvents.CANARY);
    }

    @Test
    void singleEventDecodingNamesFieldsFromTheEventItself() {
        ObjectNode event = (ObjectNode) validBatch().get(0);
        ((ObjectNode) event.get("data").get("tasks").get(0)).put("state", "ASLEEP");

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> ScannerParity.one(Json.bytes(event)));

        assertThat(error.field()).isEqualTo("data.tasks[0].state");
        assertThat(error.getMessage()).isEqualTo(
                "data.tasks[0].state: expected one of UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING");
    }

    @Test
    void singleEventDecodingRefusesABatch() {
        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> ScannerParity.one(Json.bytes(validBatch())));

        assertThat(error.field()).isEqualTo("$");
        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
    }

    @Test
    void aKeyCannotForgeALineInTheMessage() {
        ObjectNode event = (ObjectNode) validBatch().get(0);
        ((ObjectNode) event.get("data").get("config")).put("evil\"]\nINFO all good", 5);

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> ScannerParity.one(Json.bytes(event)));

        assertThat(error.field()).isEqualTo("data.config[\"evil\\\"]\\u000aINFO all good\"]");
        assertThat(error.getMessage()).doesNotContain("\n");
    }

    private static Arguments broken(String what, String field, Consumer<ArrayNode> change) {
        ArrayNode batch = validBatch();
        change.accept(batch);
        return Arguments.of(what, field, Json.bytes(batch));
    }

    private static ObjectNode event(ArrayNode batch, int index) {
        return (ObjectNode) batch.get(index);
    }

    private static ObjectNode data(ArrayNode batch, int index) {
        return (ObjectNode) batch.get(index).get("data");
    }

    private static ObjectNode task(ArrayNode batch, int index) {
        return (ObjectNode) data(batch, 0).get("tasks").get(index);
    }

    private static ObjectNode config(ArrayNode batch) {
        return (ObjectNode) data(batch, 0).get("config");
    }

    private static byte[] truncated() {
        byte[] json = Json.bytes(validBatch());
        String text = new String(json, StandardCharsets.UTF_8);
        int cut = text.indexOf(SampleEvents.CANARY) + 6;
        return text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    }

    /** A lost key and colon leave the secret where a name belongs; the parser reads it as one, we must not show it. */
    private static byte[] valueAsName() {
        String text = new String(Json.bytes(validBatch()), StandardCharsets.UTF_8);
        return text.replace("\"connection.url\":\"" + SampleEvents.CANARY, "\"" + SampleEvents.CANARY)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8() {
        byte[] json = Json.bytes(validBatch());
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf(SampleEvents.CANARY) + 3;
        json[at] = (byte) 0xC3;
        json[at + 1] = (byte) 0x28;
        return json;
    }

    /** The codec's refusal, which the scanner must repeat exactly ({@link ScannerParity}). */
    static EventDecodingException decodeBatchError(byte[] json) {
        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> ScannerParity.batch(json));
        assertThat(error).as("decoding must fail with EventDecodingException").isNotNull();
        return error;
    }

}
