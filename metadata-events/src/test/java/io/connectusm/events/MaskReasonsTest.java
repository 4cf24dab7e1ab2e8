package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code mask_reasons} and {@code trace_mode}: optional (absent from older emitters), kept when present, and bound to
 * the masking invariant: a reason names only a key of {@code config}; a code that masks the whole value only a key of
 * {@code masked_keys}; {@code url} only a key outside it. Violations are refused by the decoder and by the
 * constructor alike, naming the key, never showing a value or an unknown code.
 */
class MaskReasonsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void reasonsAndTraceModeRoundTrip() {
        MetadataEvent event = SampleEvents.event(SampleEvents.snapshotWithReasons(), 4);

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void absentOrNullReasonsAndTraceModeDecodeAsNone() {
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        data(event).remove("mask_reasons");
        data(event).remove("trace_mode");
        ConnectorSnapshot absent = decode(event);
        data(event).putNull("mask_reasons");
        data(event).putNull("trace_mode");
        ConnectorSnapshot nulls = decode(event);

        for (ConnectorSnapshot snapshot : List.of(absent, nulls)) {
            assertThat(snapshot.maskReasons()).isEmpty();
            assertThat(snapshot.traceMode()).isNull();
            assertThat(snapshot.maskedKeys()).contains("connection.password");
        }
    }

    @Test
    void aWellFormedCodeThisVersionDoesNotKnowIsKept() {
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        reasons(event).put("topics", "entropy-v2");

        ConnectorSnapshot decoded = decode(event);

        assertThat(decoded.maskReasons()).containsEntry("topics", "entropy-v2");
        assertThat(MaskReasonCodes.isKnown("entropy-v2")).isFalse();
        assertThat(codec.decode(codec.encode(SampleEvents.event(decoded, 4))).payload()).isEqualTo(decoded);
    }

    @Test
    void aReasonForAKeyThatConfigDoesNotHoldIsRefused() {
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        reasons(event).put("gone.password", "name");
        ((ArrayNode) data(event).get("masked_keys")).add("gone.password");

        assertRefused(event, "data.mask_reasons[\"gone.password\"]", "names a key that config does not hold");
    }

    @Test
    void aWholeValueReasonForAKeyNotListedAsMaskedIsRefusedAndItsValueNotShown() {
        // An emitter that gave a reason but forgot to mask: the value is a secret left in clear.
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        config(event).put("leaked.token", SampleEvents.CANARY);
        reasons(event).put("leaked.token", "name");
        refingerprint(event);

        EventDecodingException error = assertRefused(event, "data.mask_reasons[\"leaked.token\"]",
                "must be listed in masked_keys");
        assertThat(error.getMessage()).doesNotContain(SampleEvents.CANARY);
    }

    @Test
    void aUrlReasonForAKeyListedAsMaskedIsRefused() {
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        reasons(event).put("connection.password", "url");

        assertRefused(event, "data.mask_reasons[\"connection.password\"]", "must not be listed in masked_keys");
    }

    @Test
    void aMalformedCodeIsRefusedWithoutShowingIt() {
        for (String code : List.of(SampleEvents.CANARY, "", "Type", "x".repeat(33), "ty pe", "名前")) {
            ObjectNode event = json(SampleEvents.snapshotWithReasons());
            reasons(event).put("topics", code);

            EventDecodingException error = assertRefused(event, "data.mask_reasons.topics", "is not a reason code");
            if (!code.isEmpty()) {
                assertThat(error.getMessage()).doesNotContain(code);
            }
        }
    }

    @Test
    void aNonStringReasonOrAnUnknownTraceModeIsRefused() {
        ObjectNode event = json(SampleEvents.snapshotWithReasons());
        reasons(event).put("topics", 7);
        assertRefused(event, "data.mask_reasons.topics", "expected a string");

        ObjectNode other = json(SampleEvents.snapshotWithReasons());
        data(other).put("trace_mode", "RAW");
        assertRefused(other, "data.trace_mode", "expected one of SCRUBBED, SUMMARY, NONE");
    }

    @Test
    void theConstructorRefusesWhatTheDecoderRefusesNamingTheKeyOnly() {
        TreeMap<String, String> config = new TreeMap<>(Map.of("api.token", SampleEvents.CANARY,
                "db.password", ConnectorSnapshot.MASKED_VALUE, "url", "https://u:" + ConnectorSnapshot.MASKED_VALUE + "@h"));
        TreeSet<String> masked = new TreeSet<>(List.of("db.password"));
        List<Map<String, String>> bad = List.of(Map.of("api.token", "name"), Map.of("db.password", "url"),
                Map.of("absent", "type"), Map.of("url", SampleEvents.CANARY));

        for (Map<String, String> reasons : bad) {
            IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                    () -> ConnectorSnapshot.builder()
                            .name("c")
                            .connectorType(ConnectorType.SINK)
                            .state(ConnectorState.RUNNING)
                            .config(config)
                            .maskedKeys(masked)
                            .maskReasons(new TreeMap<>(reasons))
                            .cause(ChangeCause.CREATED)
                            .traceMode(TraceMode.NONE)
                            .build());
            assertThat(error).as(reasons.toString()).hasMessageContaining("'" + reasons.keySet().iterator().next() + "'")
                    .hasMessageNotContaining(SampleEvents.CANARY);
        }
        ConnectorSnapshot fine = ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .config(config)
                .maskedKeys(masked)
                .maskReasons(new TreeMap<>(Map.of("db.password", "type", "url", "url")))
                .cause(ChangeCause.CREATED)
                .traceMode(TraceMode.NONE)
                .build();
        assertThat(fine.maskReasons()).containsOnlyKeys("db.password", "url");
    }

    @Test
    void theOldConstructorsGiveNoReasonsAndNoTraceMode() {
        ConnectorSnapshot snapshot = SampleEvents.snapshot();

        assertThat(snapshot.maskReasons()).isEmpty();
        assertThat(snapshot.traceMode()).isNull();
    }

    private EventDecodingException assertRefused(ObjectNode event, String field, String problem) {
        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> codec.decode(Json.bytes(event)));
        assertThat(error).as("decoding should fail at " + field).isNotNull();
        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).contains(problem);
        return error;
    }

    private ConnectorSnapshot decode(ObjectNode event) {
        return (ConnectorSnapshot) codec.decode(Json.bytes(event)).payload();
    }

    private ObjectNode json(ConnectorSnapshot snapshot) {
        return Json.object(codec.encode(SampleEvents.event(snapshot, 4)));
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ObjectNode reasons(ObjectNode event) {
        return (ObjectNode) data(event).get("mask_reasons");
    }

    private static ObjectNode config(ObjectNode event) {
        return (ObjectNode) data(event).get("config");
    }

    private static void refingerprint(ObjectNode event) {
        TreeMap<String, String> config = new TreeMap<>();
        config(event).properties().forEach(e -> config.put(e.getKey(), e.getValue().textValue()));
        data(event).put("config_fingerprint", ConfigFingerprint.of(config));
    }
}
