package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecRoundTripTest {

    private final EventCodec codec = new EventCodec();

    static List<MetadataEvent> eachType() {
        return SampleEvents.allTypes();
    }

    @ParameterizedTest
    @MethodSource("eachType")
    void singleEventDecodesToWhatWasEncoded(MetadataEvent event) {
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void batchOfEveryTypeDecodesToTheSameEventsInTheSameOrder() {
        List<MetadataEvent> batch = SampleEvents.allTypes();

        assertThat(codec.decodeBatch(codec.encodeBatch(batch))).containsExactlyElementsOf(batch);
    }

    @Test
    void emptyBatchIsAnEmptyJsonArray() {
        byte[] json = codec.encodeBatch(List.of());

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("[]");
        assertThat(codec.decodeBatch(json)).isEmpty();
    }

    @Test
    void generatedEventsWithEdgeCasesRoundTripOneByOneAndInBatches() {
        RandomEvents random = new RandomEvents(20250301L);
        for (int round = 0; round < 40; round++) {
            List<MetadataEvent> batch = random.batch(1 + round % 25);
            for (MetadataEvent event : batch) {
                assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
            }
            assertThat(codec.decodeBatch(codec.encodeBatch(batch))).containsExactlyElementsOf(batch);
        }
    }

    @Test
    void snapshotWithNullOptionalsEmptyTasksAndEmptyConfigRoundTrips() {
        ConnectorSnapshot bare = ConnectorSnapshot.builder()
                .name("bare")
                .connectorType(ConnectorType.UNKNOWN)
                .state(ConnectorState.UNASSIGNED)
                .cause(ChangeCause.CREATED)
                .build();
        MetadataEvent event = SampleEvents.event(bare, 7);

        ObjectNode data = (ObjectNode) Json.object(codec.encode(event)).get("data");

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        assertThat(data.has("trace")).as("absent optionals are left out, not written as null").isFalse();
        assertThat(data.has("worker_id")).isFalse();
        assertThat(data.get("tasks")).isEmpty();
        assertThat(data.get("config")).isEmpty();
    }

    @Test
    void configValuesMayBeNullAndSurviveTheRoundTrip() {
        TreeMap<String, String> config = new TreeMap<>();
        config.put("transforms", null);
        config.put("topics", "");
        ConnectorSnapshot snapshot = ConnectorSnapshot.builder()
                .name("nulls")
                .connectorClass("X")
                .connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.RUNNING)
                .config(config)
                .cause(ChangeCause.RESYNC)
                .build();

        ConnectorSnapshot decoded = (ConnectorSnapshot) codec.decode(codec.encode(SampleEvents.event(snapshot, 1))).payload();

        assertThat(decoded.config()).containsEntry("transforms", null).containsEntry("topics", "");
    }

    @Test
    void timesAtTheEdgesOfRfc3339KeepTheirNanoseconds() {
        for (String time : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-03-01T09:30:00.000000001Z")) {
            MetadataEvent event = new MetadataEvent("id-" + time, SampleEvents.CLUSTER, SampleEvents.WORKER,
                    Instant.EPOCH, 0, Instant.parse(time), SampleEvents.deleted());

            assertThat(codec.decode(codec.encode(event)).time()).isEqualTo(Instant.parse(time));
        }
    }

    @Test
    void epochWithSubMillisecondPrecisionEqualsItsDecodedCopy() {
        Instant now = Instant.parse("2025-03-01T08:00:00.123456789Z");
        MetadataEvent event = new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, now, 3,
                now, SampleEvents.deleted());

        assertThat(event.epoch()).isEqualTo(Instant.parse("2025-03-01T08:00:00.123Z"));
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void clusterIdsThatNeedEscapingInTheSourceRoundTrip() {
        ClusterRef odd = new ClusterRef("lkc/1 2", "connect cluster/é%");
        MetadataEvent event = new MetadataEvent("id", odd, SampleEvents.WORKER, SampleEvents.EPOCH, 0,
                Instant.parse("2025-03-01T09:30:00Z"), SampleEvents.deleted());

        ObjectNode json = Json.object(codec.encode(event));

        assertThat(json.get("source").textValue()).isEqualTo("/connect/lkc%2F1%202/connect%20cluster%2F%C3%A9%25");
        assertThat(json.get("connectclusterid").textValue()).isEqualTo("connect cluster/é%");
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void streamAndArrayDecodeTheSameBatch() throws IOException {
        byte[] json = codec.encodeBatch(new RandomEvents(5).batch(50));

        assertThat(codec.decodeBatch(new ByteArrayInputStream(json))).isEqualTo(codec.decodeBatch(json));
    }

    @Test
    void unknownAttributesAndFieldsFromANewerEmitterAreIgnored() {
        List<MetadataEvent> batch = SampleEvents.allTypes();
        ArrayNode json = Json.array(codec.encodeBatch(batch));
        for (JsonNode node : json) {
            ObjectNode event = (ObjectNode) node;
            event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            event.put("dataschema", "https://example.com/v2");
            event.putObject("futureobject").putArray("deep").addObject().put("x", 1);
            event.put("Invalid_Extension-Name", true);
            event.put("bignumber", 12345678901234L);
            ((ObjectNode) event.get("data")).putObject("owner").put("team", "payments");
        }
        ObjectNode snapshotData = (ObjectNode) json.get(0).get("data");
        ((ObjectNode) snapshotData.get("tasks").get(0)).put("restarts", 3);
        ((ObjectNode) json.get(3).get("data").get("plugins").get(0)).put("location", "/opt/plugins");

        assertThat(codec.decodeBatch(Json.bytes(json))).containsExactlyElementsOf(batch);
    }

    @Test
    void epochAndSequenceWrittenAsJsonIntegersAreAccepted() {
        MetadataEvent event = SampleEvents.event(SampleEvents.deleted(), 42);
        ObjectNode json = Json.object(codec.encode(event));
        json.put("epoch", event.epoch().toEpochMilli());
        json.put("sequence", 42);

        assertThat(codec.decode(Json.bytes(json))).isEqualTo(event);
    }

    @Test
    void contentTypeWithACharsetParameterOrNoneAtAllIsJson() {
        MetadataEvent event = SampleEvents.event(SampleEvents.snapshot(), 0);
        ObjectNode withCharset = Json.object(codec.encode(event));
        withCharset.put("datacontenttype", "application/json; charset=utf-8");
        ObjectNode without = Json.object(codec.encode(event));
        without.remove("datacontenttype");

        assertThat(codec.decode(Json.bytes(withCharset))).isEqualTo(event);
        assertThat(codec.decode(Json.bytes(without))).isEqualTo(event);
    }

    @Test
    void timeWithAnOffsetIsReadAsTheSameInstant() {
        MetadataEvent event = SampleEvents.event(SampleEvents.deleted(), 0);
        ObjectNode json = Json.object(codec.encode(event));
        json.put("time", "2025-03-01T11:30:00.250+02:00");

        assertThat(codec.decode(Json.bytes(json)).time()).isEqualTo(event.time());
    }

    @Test
    void aPlainCloudEventsSdkConsumerReadsWhatTheCodecWrites() {
        MetadataEvent event = SampleEvents.event(SampleEvents.snapshot(), 9);

        CloudEvent cloudEvent = new JsonFormat().deserialize(codec.encode(event));

        assertThat(cloudEvent.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(cloudEvent.getId()).isEqualTo(event.id());
        assertThat(cloudEvent.getSource().toString()).isEqualTo("/connect/lkc-8x3mq2/connect-cluster");
        assertThat(cloudEvent.getType()).isEqualTo("io.connectusm.connector.snapshot");
        assertThat(cloudEvent.getSubject()).isEqualTo("jdbc-sink-orders");
        assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
        assertThat(cloudEvent.getTime().toInstant()).isEqualTo(event.time());
        assertThat(cloudEvent.getExtension("kafkaclusterid")).isEqualTo("lkc-8x3mq2");
        assertThat(cloudEvent.getExtension("connectclusterid")).isEqualTo("connect-cluster");
        assertThat(cloudEvent.getExtension("workerid")).isEqualTo(SampleEvents.WORKER);
        assertThat(cloudEvent.getExtension("epoch")).isEqualTo(Long.toString(SampleEvents.EPOCH.toEpochMilli()));
        assertThat(cloudEvent.getExtension("sequence")).isEqualTo("9");
        JsonNode data = Json.tree(cloudEvent.getData().toBytes());
        assertThat(data.get("connector_class").textValue()).isEqualTo("io.confluent.connect.jdbc.JdbcSinkConnector");
        assertThat(data.get("config").get("connection.password").textValue()).isEqualTo("********");
    }

    @Test
    void oneSharedCodecServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                long seed = thread;
                results.add(pool.submit(() -> {
                    RandomEvents random = new RandomEvents(seed);
                    for (int i = 0; i < 100; i++) {
                        List<MetadataEvent> batch = random.batch(5);
                        if (!codec.decodeBatch(codec.encodeBatch(batch)).equals(batch)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inventoryOfManyConnectorsRoundTrips() {
        TreeMap<String, String> connectors = new TreeMap<>();
        String fingerprint = ConfigFingerprint.of(Map.of("k", "v"));
        for (int i = 0; i < 20_000; i++) {
            connectors.put("connector-" + i, fingerprint);
        }
        MetadataEvent event = SampleEvents.event(new ClusterInventory(connectors), 0);

        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }
}
