package io.connectusm.agent.spool;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MetadataEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The agent's single use of the wire contract's codec: decoding what workers send, encoding what the spool
 * stores and the forwarder sends, and the digest that deduplicates states. Stateless; thread-safe.
 */
public final class BatchCodec {

    /** The codec is thread-safe and costly to build: one per process. */
    private static final EventCodec CODEC = new EventCodec();

    private BatchCodec() {
    }

    /**
     * Decodes a batch.
     *
     * @throws io.connectusm.events.EventDecodingException naming the field at fault
     */
    public static List<MetadataEvent> decode(byte[] batch) {
        return CODEC.decodeBatch(batch);
    }

    public static byte[] encode(List<MetadataEvent> events) {
        return CODEC.encodeBatch(events);
    }

    /**
     * Decodes one event ({@code application/cloudevents+json}).
     *
     * @throws io.connectusm.events.EventDecodingException naming the field at fault
     */
    public static MetadataEvent decodeEvent(byte[] json) {
        return CODEC.decode(json);
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

    /** One event, as {@code application/cloudevents+json}; its length is what the spool accounts. */
    public static byte[] encode(MetadataEvent event) {
        return CODEC.encode(event);
    }

    /**
     * A digest of the <em>state</em> an event carries: the event with its identity, emitter, time and, for a
     * snapshot, its cause neutralised. Two events with the same digest say the same thing about the same
     * subject, so the second need not be forwarded.
     */
    public static String stateDigest(MetadataEvent event) {
        EventPayload payload = event.payload();
        if (payload instanceof ConnectorSnapshot snapshot) {
            payload = new ConnectorSnapshot(snapshot.name(), snapshot.connectorClass(), snapshot.connectorType(),
                    snapshot.state(), snapshot.workerId(), snapshot.trace(), snapshot.tasks(), snapshot.config(),
                    snapshot.maskedKeys(), snapshot.configFingerprint(), ChangeCause.RESYNC);
        }
        MetadataEvent neutral = new MetadataEvent("-", event.cluster(), "-", Instant.EPOCH, 0, Instant.EPOCH,
                event.subject(), payload);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(neutral)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
