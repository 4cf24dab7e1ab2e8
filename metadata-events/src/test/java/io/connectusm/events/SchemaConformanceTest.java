package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the codec writes is what the published JSON Schemas describe, and the schemas do reject. */
class SchemaConformanceTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyGeneratedEventValidatesAgainstItsTypeSchema() {
        RandomEvents random = new RandomEvents(424242L);
        for (int i = 0; i < 1500; i++) {
            MetadataEvent event = random.next();
            JsonNode json = Json.tree(codec.encode(event));

            assertThat(Schemas.validateEvent(event.type(), json)).as("event %d: %s", i, json).isEmpty();
        }
    }

    @Test
    void generatedBatchesValidateAgainstTheBatchSchema() {
        RandomEvents random = new RandomEvents(7L);
        for (int i = 0; i < 20; i++) {
            JsonNode json = Json.tree(codec.encodeBatch(random.batch(i * 5)));

            assertThat(Schemas.validateBatch(json)).isEmpty();
        }
    }

    @Test
    void edgeCaseEventsValidate() {
        TreeMap<String, String> config = new TreeMap<>();
        config.put("nullable", null);
        config.put("ключ", "値 \uD83D\uDE00");
        ConnectorSnapshot bare = ConnectorSnapshot.builder()
                .name("ü")
                .connectorType(ConnectorType.UNKNOWN)
                .state(ConnectorState.UNASSIGNED)
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("absent.secret")))
                .cause(ChangeCause.RESYNC)
                .build();
        for (MetadataEvent event : List.of(SampleEvents.event(bare, 0),
                SampleEvents.event(new ClusterInventory(new TreeMap<>()), 1),
                SampleEvents.event(new WorkerPlugins("w", null, List.of()), 2))) {
            assertThat(Schemas.validateEvent(event.type(), Json.tree(codec.encode(event)))).isEmpty();
        }
    }

    @Test
    void schemasRejectEventsThatBreakTheContract() {
        ObjectNode missingId = snapshotJson();
        missingId.remove("id");
        ObjectNode badState = snapshotJson();
        ((ObjectNode) badState.get("data")).put("state", "SLEEPING");
        ObjectNode extraDataField = snapshotJson();
        ((ObjectNode) extraDataField.get("data")).put("password", "x");
        ObjectNode badFingerprint = snapshotJson();
        ((ObjectNode) badFingerprint.get("data")).put("config_fingerprint", "md5:abc");
        ObjectNode inventoryWithSubject = Json.object(codec.encode(SampleEvents.event(SampleEvents.inventory(), 0)));
        inventoryWithSubject.put("subject", "x");

        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, missingId)).isNotEmpty();
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, badState)).isNotEmpty();
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, extraDataField)).isNotEmpty();
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_SNAPSHOT, badFingerprint)).isNotEmpty();
        assertThat(Schemas.validateEvent(EventType.CLUSTER_INVENTORY, inventoryWithSubject)).isNotEmpty();
        assertThat(Schemas.validateEvent(EventType.CONNECTOR_DELETED, snapshotJson()))
                .as("a snapshot is not a deleted event").isNotEmpty();
    }

    private ObjectNode snapshotJson() {
        return Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
    }
}
