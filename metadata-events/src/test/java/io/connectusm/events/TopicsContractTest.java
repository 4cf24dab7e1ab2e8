package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optional {@code topics} of a snapshot: its golden file, backward compatibility both ways (old documents decode
 * with topics unknown, a snapshot without topics encodes as before), the difference between unknown and none, the
 * limits and name rules in both directions and in the scanner, and the state digest.
 */
class TopicsContractTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void goldenSnapshotWithTopicsDecodesEncodesAndValidates() throws IOException {
        MetadataEvent decoded = ScannerParity.one(golden("snapshot-with-topics.json"));

        assertThat(decoded).isEqualTo(SampleEvents.event(SampleEvents.snapshotWithTopics(), 6));
        assertThat(((ConnectorSnapshot) decoded.payload()).topics()).containsExactly("orders", "orders.eu_west-1");
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(SampleEvents.snapshotWithTopics(), 6)));
        assertThat(encoded).isEqualTo(Json.tree(golden("snapshot-with-topics.json")));
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, encoded)).isEmpty();
    }

    @Test
    void olderDocumentsDecodeWithTopicsUnknownAndEncodeAsBefore() throws IOException {
        for (String file : List.of("example-batch.json", "snapshot-with-actor.json", "snapshot-with-mask-reasons.json")) {
            byte[] json = golden(file);
            List<MetadataEvent> events = file.startsWith("example") ? ScannerParity.batch(json)
                    : List.of(ScannerParity.one(json));
            for (MetadataEvent event : events) {
                if (event.payload() instanceof ConnectorSnapshot snapshot) {
                    assertThat(snapshot.topics()).as(file).isNull();
                    assertThat(Json.tree(codec.encode(event)).get("data").has("topics")).as(file).isFalse();
                }
            }
        }
        ObjectNode withNull = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
        ((ObjectNode) withNull.get("data")).putNull("topics");
        assertThat(((ConnectorSnapshot) ScannerParity.one(Json.bytes(withNull)).payload()).topics()).isNull();
    }

    @Test
    void noTopicsIsWrittenAsAnEmptyListAndDiffersFromUnknown() {
        ConnectorSnapshot none = SampleEvents.snapshot().toBuilder().topics(List.of()).build();
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(none, 0)));

        assertThat(encoded.get("data").get("topics").toString()).isEqualTo("[]");
        assertThat(((ConnectorSnapshot) ScannerParity.one(codec.encode(SampleEvents.event(none, 0))).payload()).topics())
                .isEmpty();
        assertThat(none).isNotEqualTo(SampleEvents.snapshot());
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, encoded)).isEmpty();
    }

    @Test
    void topicsInAnyOrderAreSortedAndRepeatsInTheBuilderKeptOnce() {
        ConnectorSnapshot snapshot = SampleEvents.snapshot().toBuilder()
                .topics(List.of("b", "a.b", "a", "A", "a-b", "a_b", "b")).build();

        assertThat(snapshot.topics()).containsExactly("A", "a", "a-b", "a.b", "a_b", "b");
        assertThatThrownBy(() -> snapshot.topics().add("c")).isInstanceOf(UnsupportedOperationException.class);
        ObjectNode reversed = Json.object(codec.encode(SampleEvents.event(snapshot, 0)));
        ArrayNode topics = ((ObjectNode) reversed.get("data")).putArray("topics");
        List<String> backwards = new ArrayList<>(snapshot.topics());
        java.util.Collections.reverse(backwards);
        backwards.forEach(topics::add);
        assertThat(ScannerParity.one(Json.bytes(reversed)).payload()).isEqualTo(snapshot);
    }

    @Test
    void theBuilderRefusesWhatTheDecoderRefusesWithoutQuotingTheName() {
        for (String illegal : List.of("", ".", "..", "a:b", "secret value", "x/y", "caf\u00e9",
                "t".repeat(EventLimits.MAX_TOPIC_NAME_CHARS + 1))) {
            IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                    () -> SampleEvents.snapshot().toBuilder().topics(List.of("ok", illegal)).build());
            assertThat(error).as("'%s'", illegal).isNotNull();
            if (illegal.length() > 2) {
                assertThat(error.getMessage()).doesNotContain(illegal);
            }
            assertThat(TopicNames.isLegal(illegal)).isFalse();
        }
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> SampleEvents.snapshot().toBuilder().topics(withNull).build())
                .isInstanceOf(IllegalArgumentException.class);
        for (String legal : List.of("a", "...", "-", "_", "t".repeat(EventLimits.MAX_TOPIC_NAME_CHARS),
                "connect-status", "__consumer_offsets", "orders.v2-EU_1")) {
            assertThat(TopicNames.isLegal(legal)).as(legal).isTrue();
            ConnectorSnapshot snapshot = SampleEvents.snapshot().toBuilder().topics(List.of(legal)).build();
            assertThat(ScannerParity.one(codec.encode(SampleEvents.event(snapshot, 0))).payload()).isEqualTo(snapshot);
        }
    }

    @Test
    void moreTopicsThanTheLimitAreRefusedInBothDirections() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= EventLimits.MAX_TOPICS; i++) {
            many.add("topic-" + i);
        }
        ConnectorSnapshot atLimit = SampleEvents.snapshot().toBuilder().topics(many.subList(0, EventLimits.MAX_TOPICS))
                .build();
        assertThat(ScannerParity.one(codec.encode(SampleEvents.event(atLimit, 0))).payload()).isEqualTo(atLimit);

        ConnectorSnapshot over = SampleEvents.snapshot().toBuilder().topics(many).build();
        assertThatThrownBy(() -> codec.encode(SampleEvents.event(over, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data.topics: ");
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(atLimit, 0)));
        ((ArrayNode) json.get("data").get("topics")).add("one-more");
        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> ScannerParity.one(Json.bytes(json)));
        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).isEqualTo("data.topics");
    }

    @Test
    void aRepeatedTopicIsRefusedNamingBothPlaces() {
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshotWithTopics(), 0)));
        ((ArrayNode) json.get("data").get("topics")).add("orders");

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class,
                () -> ScannerParity.one(Json.bytes(json)));

        assertThat(error.getMessage()).isEqualTo("data.topics[2]: repeats data.topics[0]");
    }

    @Test
    void topicsEnterTheDigestAndTheirOrderDoesNot() {
        ConnectorSnapshot s = SampleEvents.snapshot();
        Set<String> digests = new HashSet<>();
        List<ConnectorSnapshot> variants = List.of(s, s.toBuilder().topics(List.of()).build(),
                s.toBuilder().topics(List.of("orders")).build(), s.toBuilder().topics(List.of("orders", "x")).build(),
                s.toBuilder().topics(List.of("ordersx")).build(),
                // The reasons/trace-mode block and the topics block must not be confused with each other.
                s.toBuilder().traceMode(TraceMode.SCRUBBED).build(),
                s.toBuilder().traceMode(TraceMode.SCRUBBED).topics(List.of()).build());
        for (ConnectorSnapshot variant : variants) {
            MetadataEvent event = SampleEvents.event(variant, 0);
            byte[] digest = StateDigest.of(event);
            assertThat(ScannerParity.SCANNER.scan(codec.encode(event)).stateDigest()).isEqualTo(digest);
            assertThat(digests.add(java.util.HexFormat.of().formatHex(digest))).as(variant.topics() + "").isTrue();
        }
        ConnectorSnapshot sorted = s.toBuilder().topics(List.of("a", "b")).build();
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(sorted, 0)));
        ((ObjectNode) json.get("data")).putArray("topics").add("b").add("a");
        assertThat(ScannerParity.SCANNER.scan(Json.bytes(json)).stateDigest())
                .isEqualTo(StateDigest.of(SampleEvents.event(sorted, 0)));
    }

    @Test
    void theScannerDoesNotShowTopicNamesToTheInspectorButShowsEverythingElse() {
        ConnectorSnapshot snapshot = SampleEvents.snapshot().toBuilder()
                .topics(List.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY")).build();
        Set<String> seen = new HashSet<>();
        ScannedEvent scanned = ScannerParity.SCANNER.scanBatch(codec.encodeBatch(List.of(SampleEvents.event(snapshot, 0))),
                text -> {
                    seen.add(text);
                    return text.startsWith("AKIA") || text.startsWith("wJalr");
                }).get(0);

        assertThat(scanned.flagged()).isFalse();
        assertThat(seen).contains("jdbc-sink-orders", "orders").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = TopicsContractTest.class.getResourceAsStream("/golden/" + file)) {
            return Objects.requireNonNull(in, "golden/" + file).readAllBytes();
        }
    }
}
