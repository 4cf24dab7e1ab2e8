package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EventCodec} writes events with its own streaming writer, not through the CloudEvents SDK's objects; this
 * holds it to the SDK: the SDK reads what the codec wrote and writes back exactly the same bytes (the envelope's
 * attributes in the SDK's order and spelling, {@code data} as Jackson writes its tree), for every payload type and
 * the generator's edge cases (unicode, controls, surrogate pairs, null config values, nanosecond times, empty
 * collections).
 */
class SdkWriteParityTest {

    private static final TypeReference<List<CloudEvent>> CLOUD_EVENT_LIST = new TypeReference<>() {
    };

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper sdk = WireJson.newMapper();

    @Test
    void everySampleEventIsWrittenAsTheSdkWritesIt() throws IOException {
        for (MetadataEvent event : SampleEvents.allTypes()) {
            assertSdkWritesTheSame(codec.encode(event));
        }
        assertSdkWritesTheSameBatch(codec.encodeBatch(SampleEvents.allTypes()));
    }

    @Test
    void generatedEventsAndBatchesAreWrittenAsTheSdkWritesThem() throws IOException {
        for (long seed = 0; seed < 400; seed++) {
            RandomEvents random = new RandomEvents(seed);
            assertSdkWritesTheSame(codec.encode(random.next()));
            assertSdkWritesTheSameBatch(codec.encodeBatch(random.batch((int) (seed % 7))));
        }
    }

    private void assertSdkWritesTheSame(byte[] written) throws IOException {
        CloudEvent read = sdk.readValue(written, CloudEvent.class);
        assertThat(new String(sdk.writeValueAsBytes(read), StandardCharsets.UTF_8))
                .isEqualTo(new String(written, StandardCharsets.UTF_8));
    }

    private void assertSdkWritesTheSameBatch(byte[] written) throws IOException {
        List<CloudEvent> read = sdk.readValue(written, CLOUD_EVENT_LIST);
        assertThat(new String(sdk.writerFor(CLOUD_EVENT_LIST).writeValueAsBytes(read), StandardCharsets.UTF_8))
                .isEqualTo(new String(written, StandardCharsets.UTF_8));
    }
}
