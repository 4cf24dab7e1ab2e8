package io.connectusm.agent.spool;

import io.connectusm.events.EventCodec;
import io.connectusm.events.EventScanner;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.ScannedEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * The agent's single use of the wire contract. On the hot path it never builds an event: a batch a worker sent is
 * validated by {@link EventScanner} (as strict as the codec, in one streaming pass) into {@link ScannedEvent}s —
 * routing fields, state digest, and each event's own bytes, which are what the spool stores and the forwarder sends.
 * The codec serves the rare paths: an event rewritten before egress, a stored event a test looks at. Stateless;
 * thread-safe.
 */
public final class BatchCodec {

    /** Both are thread-safe and costly to build: one per process. */
    private static final EventScanner SCANNER = new EventScanner();
    private static final EventCodec CODEC = new EventCodec();

    private BatchCodec() {
    }

    /**
     * Validates a batch ({@code application/cloudevents-batch+json}).
     *
     * @param inspector sees every string of every event in the same pass and flags the events it says yes to (see
     *                  {@link EventScanner#scanBatch(byte[], Predicate)}); {@code null} for none
     * @throws io.connectusm.events.EventDecodingException naming the field at fault
     */
    public static List<ScannedEvent> scan(byte[] batch, Predicate<String> inspector) {
        return SCANNER.scanBatch(batch, inspector);
    }

    /**
     * Validates one event ({@code application/cloudevents+json}), such as one the spool holds.
     *
     * @throws io.connectusm.events.EventDecodingException naming the field at fault
     */
    public static ScannedEvent scanEvent(byte[] json) {
        return SCANNER.scan(json);
    }

    /**
     * Decodes one event into objects (rare paths only).
     *
     * @throws io.connectusm.events.EventDecodingException naming the field at fault
     */
    public static MetadataEvent decodeEvent(byte[] json) {
        return CODEC.decode(json);
    }

    /** One event, as {@code application/cloudevents+json} (rare paths only). */
    public static byte[] encode(MetadataEvent event) {
        return CODEC.encode(event);
    }

    /**
     * A batch (a JSON array) of events already encoded one by one, as the spool stores them: joining the
     * stored bytes is what lets the forwarder send without decoding and encoding every event again.
     */
    public static byte[] batchOf(List<byte[]> encodedEvents) {
        int length = 2 + Math.max(0, encodedEvents.size() - 1);
        for (byte[] event : encodedEvents) {
            length += event.length;
        }
        byte[] batch = new byte[length];
        int at = 0;
        batch[at++] = '[';
        for (byte[] event : encodedEvents) {
            if (at > 1) {
                batch[at++] = ',';
            }
            System.arraycopy(event, 0, batch, at, event.length);
            at += event.length;
        }
        batch[at] = ']';
        return batch;
    }
}
