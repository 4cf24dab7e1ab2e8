package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link EventLimits} hold in both directions, and decoding refuses oversized input while streaming. */
class LimitsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void batchOfExactlyTheLimitDecodes() {
        List<MetadataEvent> batch = Collections.nCopies(EventLimits.MAX_EVENTS_PER_BATCH, SampleEvents.event(SampleEvents.deleted(), 1));

        assertThat(ScannerParity.batch(codec.encodeBatch(batch))).hasSize(EventLimits.MAX_EVENTS_PER_BATCH);
    }

    @Test
    void batchOf1001EventsIsOverTheLimit() {
        EventDecodingException error = decodeError(batchOf(1001));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).isEqualTo("$");
        assertThat(error.getMessage()).contains("1000").contains("MAX_EVENTS_PER_BATCH");
    }

    @Test
    void batchOf10000EventsIsRefusedAfterReadingLittleMoreThanTheFirst1000() throws IOException {
        byte[] json = batchOf(10_000);
        CountingStream in = new CountingStream(new ByteArrayInputStream(json));

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> codec.decodeBatch(in));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(in.count).as("bytes read of %d", json.length).isLessThan(json.length / 5);
    }

    @Test
    void encodeBatchRefusesMoreEventsThanTheLimit() {
        List<MetadataEvent> batch = Collections.nCopies(1001, SampleEvents.event(SampleEvents.deleted(), 1));

        assertThatThrownBy(() -> codec.encodeBatch(batch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_EVENTS_PER_BATCH");
    }

    @Test
    void configOfExactlyTheLimitRoundTrips() {
        MetadataEvent event = SampleEvents.event(snapshotWithConfigEntries(EventLimits.MAX_CONFIG_ENTRIES), 0);

        assertThat(ScannerParity.one(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void tooManyConfigEntriesAreOverTheLimitInBothDirections() {
        MetadataEvent event = SampleEvents.event(snapshotWithConfigEntries(EventLimits.MAX_CONFIG_ENTRIES + 1), 0);
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(snapshotWithConfigEntries(3), 0)));
        ObjectNode config = (ObjectNode) json.get("data").get("config");
        for (int i = 0; i <= EventLimits.MAX_CONFIG_ENTRIES; i++) {
            config.put("extra." + i, "v");
        }

        assertThatThrownBy(() -> codec.encode(event))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data.config: ");
        assertLimit(wrap(json), "[0].data.config");
    }

    @Test
    void tooManyTasksMaskedKeysInventoryEntriesOrPluginsAreOverTheLimit() {
        ObjectNode snapshot = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
        ArrayNode tasks = ((ObjectNode) snapshot.get("data")).putArray("tasks");
        for (int i = 0; i <= EventLimits.MAX_TASKS; i++) {
            tasks.addObject().put("id", i).put("state", "RUNNING");
        }
        assertLimit(wrap(snapshot), "[0].data.tasks");

        ObjectNode masked = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
        ArrayNode keys = ((ObjectNode) masked.get("data")).putArray("masked_keys");
        for (int i = 0; i <= EventLimits.MAX_CONFIG_ENTRIES; i++) {
            keys.add("k" + i);
        }
        assertLimit(wrap(masked), "[0].data.masked_keys");

        ObjectNode inventory = Json.object(codec.encode(SampleEvents.event(SampleEvents.inventory(), 0)));
        ObjectNode connectors = ((ObjectNode) inventory.get("data")).putObject("connectors");
        for (int i = 0; i <= EventLimits.MAX_INVENTORY_ENTRIES; i++) {
            connectors.put("c" + i, "sha256:");
        }
        assertLimit(wrap(inventory), "[0].data.connectors");

        ObjectNode plugins = Json.object(codec.encode(SampleEvents.event(SampleEvents.plugins(), 0)));
        ArrayNode list = ((ObjectNode) plugins.get("data")).putArray("plugins");
        for (int i = 0; i <= EventLimits.MAX_PLUGINS; i++) {
            list.addObject().put("class_name", "P" + i).put("type", "sink");
        }
        assertLimit(wrap(plugins), "[0].data.plugins");
    }

    @Test
    void stringOfExactlyTheLimitInMultiByteCharactersRoundTrips() {
        String trace = "é".repeat(EventLimits.MAX_STRING_CHARS);
        MetadataEvent event = SampleEvents.event(failedWithTrace(trace), 0);

        assertThat(((ConnectorSnapshot) ScannerParity.one(codec.encode(event)).payload()).trace()).isEqualTo(trace);
    }

    @Test
    void stringLongerThanTheLimitIsRefusedInBothDirectionsAndTruncateMakesItFit() {
        String trace = "x".repeat(EventLimits.MAX_STRING_CHARS + 1);
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
        ((ObjectNode) json.get("data")).put("trace", trace);

        assertThatThrownBy(() -> codec.encode(SampleEvents.event(failedWithTrace(trace), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data.trace: ");
        assertLimit(wrap(json), "[0].data.trace");
        MetadataEvent truncated = SampleEvents.event(failedWithTrace(EventLimits.truncate(trace)), 0);
        assertThat(ScannerParity.one(codec.encode(truncated))).isEqualTo(truncated);
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        String text = "a".repeat(EventLimits.MAX_STRING_CHARS - 1) + "\uD83D\uDE00";

        String cut = EventLimits.truncate(text);

        assertThat(cut).hasSize(EventLimits.MAX_STRING_CHARS - 1);
        assertThat(EventLimits.truncate("short")).isEqualTo("short");
        assertThat(EventLimits.truncate(null)).isNull();
    }

    @Test
    void keyLongerThanTheLimitIsRefusedInBothDirections() {
        String key = "k".repeat(EventLimits.MAX_KEY_CHARS + 1);
        TreeMap<String, String> config = new TreeMap<>(Map.of(key, "v"));
        ConnectorSnapshot snapshot = ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .config(config)
                .cause(ChangeCause.CREATED)
                .build();
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
        ((ObjectNode) json.get("data").get("config")).put(key, "v");

        assertThatThrownBy(() -> codec.encode(SampleEvents.event(snapshot, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data.config: ");
        assertLimit(wrap(json), "[0].data.config");
    }

    @Test
    void keyOfExactlyTheLimitInMultiByteCharactersRoundTrips() {
        String key = "日".repeat(EventLimits.MAX_KEY_CHARS);
        ConnectorSnapshot snapshot = ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .config(new TreeMap<>(Map.of(key, "v")))
                .cause(ChangeCause.CREATED)
                .build();
        MetadataEvent event = SampleEvents.event(snapshot, 0);

        assertThat(ScannerParity.one(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void nestingDeeperThanTheLimitInAnUnknownFieldIsOverTheLimit() {
        ObjectNode json = Json.object(codec.encode(SampleEvents.event(SampleEvents.deleted(), 0)));
        ArrayNode deep = json.putArray("future");
        for (int i = 0; i < EventLimits.MAX_NESTING_DEPTH; i++) {
            deep = deep.addArray();
        }

        EventDecodingException error = decodeError(Json.bytes(wrap(json)));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).startsWith("[0].future");
    }

    @Test
    void documentLongerThanTheLimitIsRefusedFromAnArray() {
        byte[] json = new byte[EventLimits.MAX_DOCUMENT_BYTES + 1];
        Arrays.fill(json, (byte) ' ');
        json[0] = '[';

        EventDecodingException error = decodeError(json);

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).isEqualTo("$");
    }

    @Test
    void endlessStreamIsCutOffAtTheDocumentLimit() {
        InputStream endless = new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                if (first) {
                    first = false;
                    return '[';
                }
                return ' ';
            }
        };

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> codec.decodeBatch(endless));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).isEqualTo("$");
        assertThat(error.getMessage()).contains("MAX_DOCUMENT_BYTES");
    }

    private static ConnectorSnapshot failedWithTrace(String trace) {
        return ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.FAILED)
                .trace(trace)
                .cause(ChangeCause.STATE_CHANGED)
                .build();
    }

    private static ConnectorSnapshot snapshotWithConfigEntries(int entries) {
        TreeMap<String, String> config = new TreeMap<>();
        for (int i = 0; i < entries; i++) {
            config.put("key." + i, "value-" + i);
        }
        return ConnectorSnapshot.builder()
                .name("big")
                .connectorClass("X")
                .connectorType(ConnectorType.SOURCE)
                .state(ConnectorState.RUNNING)
                .config(config)
                .cause(ChangeCause.CREATED)
                .build();
    }

    /** A batch of {@code count} copies of one event, built by hand since the codec refuses to write it. */
    private byte[] batchOf(int count) {
        byte[] one = codec.encode(SampleEvents.event(SampleEvents.deleted(), 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * (one.length + 1) + 2);
        out.write('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(one);
        }
        out.write(']');
        return out.toByteArray();
    }

    private static ArrayNode wrap(ObjectNode event) {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        batch.add(event);
        return batch;
    }

    private void assertLimit(ArrayNode batch, String field) {
        EventDecodingException error = decodeError(Json.bytes(batch));

        assertThat(error.kind()).as(field).isEqualTo(EventDecodingException.Kind.LIMIT_EXCEEDED);
        assertThat(error.field()).isEqualTo(field);
    }

    /** The codec's refusal, which the scanner must repeat exactly ({@link ScannerParity}). */
    private EventDecodingException decodeError(byte[] json) {
        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> ScannerParity.batch(json));
        assertThat(error).as("decoding must fail with EventDecodingException").isNotNull();
        return error;
    }

    /** Counts the bytes a reader pulled from the stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
