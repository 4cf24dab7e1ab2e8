package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.connectusm.events.EventDecodingException;
import io.connectusm.events.MetadataEvent;
import java.util.List;

/**
 * Fuzzes the batch decoder the data plane runs on every request body: whatever the bytes, it returns
 * events or throws {@link EventDecodingException} (which the agent turns into 400/413), never anything else,
 * and what it returns re-encodes to the same events. Without {@code JAZZER_FUZZ=1} this replays the saved
 * corpus under {@code src/test/resources/io/connectusm/agent/spool/BatchDecoderFuzzTestInputs/} in every build;
 * with it, Jazzer fuzzes and saves new findings there.
 */
class BatchDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeBatch(byte[] body) {
        List<MetadataEvent> events;
        try {
            events = BatchCodec.decode(body);
        } catch (EventDecodingException expected) {
            assertThat(expected.field()).isNotEmpty();
            return;
        }
        assertThat(BatchCodec.decode(BatchCodec.encode(events))).isEqualTo(events);
    }
}
