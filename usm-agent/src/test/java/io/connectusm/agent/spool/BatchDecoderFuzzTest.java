package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventDecodingException;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import io.connectusm.events.StateDigest;
import java.util.List;

/**
 * Fuzzes what the data plane runs on every request body, {@link BatchCodec#scan}, against the codec the endpoint
 * decodes with: whatever the bytes, the scan returns events or throws {@link EventDecodingException} (which the agent
 * turns into 400/413), never anything else; it refuses exactly what the codec refuses, with the same field; and what
 * it accepts is what the endpoint will accept — each event's bytes, as the spool stores and the forwarder sends them,
 * decode to the codec's event, and re-encode to the same. Without {@code JAZZER_FUZZ=1} this replays the saved
 * corpus under {@code src/test/resources/io/connectusm/agent/spool/BatchDecoderFuzzTestInputs/} in every build; with
 * it, Jazzer fuzzes and saves new findings there.
 */
class BatchDecoderFuzzTest {

    private static final EventCodec CODEC = new EventCodec();

    @FuzzTest(maxDuration = "30s")
    void decodeBatch(byte[] body) {
        List<MetadataEvent> decoded;
        try {
            decoded = CODEC.decodeBatch(body);
        } catch (EventDecodingException refused) {
            EventDecodingException scanned = null;
            try {
                BatchCodec.scan(body, null);
            } catch (EventDecodingException expected) {
                scanned = expected;
            }
            assertThat(scanned).as("the scan refuses what the codec refuses").isNotNull();
            assertThat(scanned.field()).isNotEmpty().isEqualTo(refused.field());
            assertThat(scanned.kind()).isEqualTo(refused.kind());
            return;
        }
        List<ScannedEvent> events = BatchCodec.scan(body, text -> false);
        assertThat(events).hasSameSizeAs(decoded);
        for (int i = 0; i < events.size(); i++) {
            MetadataEvent event = BatchCodec.decodeEvent(events.get(i).json());
            assertThat(event).isEqualTo(decoded.get(i));
            assertThat(events.get(i).stateDigest()).isEqualTo(StateDigest.of(event));
        }
        assertThat(CODEC.decodeBatch(CODEC.encodeBatch(decoded))).isEqualTo(decoded);
    }
}
