package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The checked-in example batch pins the wire format: attribute and field names, how times, epochs,
 * sequences and enums are written. Comparison is JSON equality (member order and whitespace are not part
 * of JSON's meaning; the file is laid out for people), so any renamed, added, dropped or re-typed field
 * fails. If the contract changes on purpose, change the file and docs/metadata-events.md together.
 */
class GoldenBatchTest {

    /** Computed independently of this code base (Python hashlib over the documented canonical encoding). */
    private static final String SNAPSHOT_FINGERPRINT =
            "sha256:4c1551c55fa0c5740e6ef6e508b5c41aaa71d2e00f64504f5cf46c170f1ee4fc";

    /** Of the snapshot in golden/snapshot-with-mask-reasons.json, computed the same way. */
    private static final String REASONS_SNAPSHOT_FINGERPRINT =
            "sha256:4118d112d4baf80727a538c57647b49226ddbef844a505e3d6dccf30b02febe1";

    private final EventCodec codec = new EventCodec();

    @Test
    void goldenBatchDecodesToTheExpectedEvents() throws IOException {
        List<MetadataEvent> decoded = codec.decodeBatch(golden());

        assertThat(decoded).containsExactlyElementsOf(SampleEvents.allTypes());
        assertThat(decoded).extracting(MetadataEvent::type).containsExactly(EventType.values());
        ConnectorSnapshot snapshot = (ConnectorSnapshot) decoded.get(0).payload();
        assertThat(snapshot.configFingerprint()).isEqualTo(SNAPSHOT_FINGERPRINT);
        assertThat(snapshot.config()).containsEntry("connection.password", ConnectorSnapshot.MASKED_VALUE);
    }

    @Test
    void encodingTheExpectedEventsGivesJsonEqualToTheGoldenBatch() throws IOException {
        JsonNode encoded = Json.tree(codec.encodeBatch(SampleEvents.allTypes()));

        assertThat(encoded).isEqualTo(Json.tree(golden()));
    }

    @Test
    void goldenBatchValidatesAgainstTheBatchSchemaAndEachEventAgainstItsTypeSchema() throws IOException {
        JsonNode batch = Json.tree(golden());

        assertThat(Schemas.validateBatch(batch)).isEmpty();
        for (JsonNode event : batch) {
            EventType type = EventType.fromCeType(event.get("type").textValue());
            assertThat(Schemas.validateEvent(type, event)).as(type.ceType()).isEmpty();
        }
    }

    @Test
    void snapshotsWithoutReasonsOrTraceModeDecodeAsBeforeAndAreWrittenWithoutThem() throws IOException {
        ConnectorSnapshot snapshot = (ConnectorSnapshot) codec.decodeBatch(golden()).get(0).payload();

        assertThat(snapshot.maskReasons()).isEmpty();
        assertThat(snapshot.traceMode()).isNull();
        JsonNode data = Json.tree(codec.encode(SampleEvents.event(snapshot, 0))).get("data");
        assertThat(data.has("mask_reasons")).isFalse();
        assertThat(data.has("trace_mode")).isFalse();
    }

    @Test
    void goldenSnapshotWithReasonsDecodesToTheExpectedEvent() throws IOException {
        MetadataEvent decoded = codec.decode(golden("snapshot-with-mask-reasons.json"));

        assertThat(decoded).isEqualTo(SampleEvents.event(SampleEvents.snapshotWithReasons(), 4));
        ConnectorSnapshot snapshot = (ConnectorSnapshot) decoded.payload();
        assertThat(snapshot.configFingerprint()).isEqualTo(REASONS_SNAPSHOT_FINGERPRINT);
        assertThat(snapshot.maskReasons()).containsEntry("connection.url", MaskReasonCodes.URL)
                .containsEntry("connection.password", MaskReasonCodes.TYPE).hasSize(6);
        assertThat(snapshot.maskReasons().values()).allMatch(MaskReasonCodes::isKnown);
        assertThat(snapshot.traceMode()).isEqualTo(TraceMode.SCRUBBED);
    }

    @Test
    void encodingTheSnapshotWithReasonsGivesJsonEqualToItsGoldenFileWhichValidates() throws IOException {
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(SampleEvents.snapshotWithReasons(), 4)));

        assertThat(encoded).isEqualTo(Json.tree(golden("snapshot-with-mask-reasons.json")));
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, encoded)).isEmpty();
    }

    @Test
    void goldenSnapshotWithActorDecodesEncodesAndValidates() throws IOException {
        MetadataEvent decoded = codec.decode(golden("snapshot-with-actor.json"));

        assertThat(decoded).isEqualTo(SampleEvents.event(SampleEvents.snapshotWithActor(), 5));
        ChangeActor actor = ((ConnectorSnapshot) decoded.payload()).actor();
        assertThat(actor.principal()).isEqualTo("alice");
        assertThat(actor.clientAddress()).isEqualTo("10.1.2.3");
        assertThat(actor.forwarded()).isFalse();
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(SampleEvents.snapshotWithActor(), 5)));
        assertThat(encoded).isEqualTo(Json.tree(golden("snapshot-with-actor.json")));
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, encoded)).isEmpty();
    }

    @Test
    void goldenDeletionWithActorDecodesEncodesAndValidates() throws IOException {
        MetadataEvent decoded = codec.decode(golden("deleted-with-actor.json"));

        assertThat(decoded).isEqualTo(SampleEvents.event(SampleEvents.deletedWithActor(), 6));
        ChangeActor actor = ((ConnectorDeleted) decoded.payload()).actor();
        assertThat(actor.principal()).isEqualTo("alice");
        assertThat(actor.request()).isEqualTo("DELETE /connectors/jdbc-sink-orders");
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(SampleEvents.deletedWithActor(), 6)));
        assertThat(encoded).isEqualTo(Json.tree(golden("deleted-with-actor.json")));
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_DELETED, encoded)).isEmpty();
        assertThat(new EventScanner().scan(golden("deleted-with-actor.json")).stateDigest())
                .as("the scanner's digest, with the actor").isEqualTo(StateDigest.of(decoded));
    }

    @Test
    void aDeletionWithoutActorIsWrittenAsBeforeAndOneFromAnOlderEmitterDecodesWithNone() throws IOException {
        MetadataEvent old = SampleEvents.event(SampleEvents.deleted(), 1);
        JsonNode encoded = Json.tree(codec.encode(old));
        assertThat(encoded.get("data").toString()).isEqualTo("{\"name\":\"s3-sink-legacy\"}");
        assertThat(((ConnectorDeleted) codec.decode(codec.encode(old)).payload()).actor()).isNull();
        String withUnknown = new String(golden("deleted-with-actor.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"actor\": {", "\"x-later\": {\"a\": 1}, \"actor\": {");
        assertThat(withUnknown).contains("x-later");
        assertThat(codec.decode(withUnknown.getBytes(java.nio.charset.StandardCharsets.UTF_8)).payload())
                .isEqualTo(SampleEvents.deletedWithActor());
    }

    @Test
    void snapshotsWithoutActorDecodeWithNoneAndAForwardedActorKeepsOnlyWhatWasGiven() throws IOException {
        ConnectorSnapshot plain = (ConnectorSnapshot) codec.decodeBatch(golden()).get(0).payload();
        assertThat(plain.actor()).isNull();
        assertThat(Json.tree(codec.encode(SampleEvents.event(plain, 0))).get("data").has("actor")).isFalse();

        ChangeActor forwarded = new ChangeActor("alice", null, null, null, "PUT /connectors/x/stop", true);
        JsonNode encoded = Json.tree(codec.encode(SampleEvents.event(plain.withActor(forwarded), 0)));
        assertThat(encoded.get("data").get("actor").toString())
                .isEqualTo("{\"principal\":\"alice\",\"request\":\"PUT /connectors/x/stop\",\"forwarded\":true}");
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, encoded)).isEmpty();
        assertThat(((ConnectorSnapshot) codec.decode(codec.encode(SampleEvents.event(plain.withActor(forwarded), 0)))
                .payload()).actor()).isEqualTo(forwarded);
    }

    @Test
    void anActorWhoseForwardedIsNotABooleanIsRefusedNamingTheField() throws IOException {
        String json = new String(golden("snapshot-with-actor.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"principal\": \"alice\",", "\"principal\": \"alice\", \"forwarded\": \"yes\",");
        assertThat(json).contains("\"yes\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(json.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("data.actor.forwarded")
                .hasMessageContaining("expected a boolean");
    }

    private static byte[] golden() throws IOException {
        return golden("example-batch.json");
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = GoldenBatchTest.class.getResourceAsStream("/golden/" + file)) {
            return Objects.requireNonNull(in, "golden/" + file).readAllBytes();
        }
    }
}
