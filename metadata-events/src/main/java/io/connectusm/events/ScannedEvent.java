package io.connectusm.events;

import java.time.Instant;
import java.util.Arrays;

/**
 * One event of a document that {@link EventScanner} validated, as a receiver that stores and forwards events needs
 * it: the envelope fields that route it (type, cluster, subject, emitter, ordering), the {@link StateDigest} of what
 * it says, and its own bytes — the exact JSON object the emitter sent, whitespace, field order and unknown fields
 * included, which decodes ({@link EventCodec#decode}) to the same event as the document did. The payload itself is
 * not built.
 *
 * <p>Immutable and thread-safe; it keeps a reference to the scanned document (the bytes are copied out on request),
 * so let go of it once the bytes are stored.
 */
public final class ScannedEvent {

    private final EventType type;
    private final String id;
    private final ClusterRef cluster;
    private final String workerId;
    private final long epochMillis;
    private final long sequence;
    private final Instant time;
    private final String subject;
    private final byte[] document;
    private final int offset;
    private final int length;
    private final byte[] stateDigest;
    private final boolean flagged;

    ScannedEvent(EventType type, String id, ClusterRef cluster, String workerId, long epochMillis, long sequence,
            Instant time, String subject, byte[] document, int offset, int length, byte[] stateDigest, boolean flagged) {
        this.type = type;
        this.id = id;
        this.cluster = cluster;
        this.workerId = workerId;
        this.epochMillis = epochMillis;
        this.sequence = sequence;
        this.time = time;
        this.subject = subject;
        this.document = document;
        this.offset = offset;
        this.length = length;
        this.stateDigest = stateDigest;
        this.flagged = flagged;
    }

    public EventType type() {
        return type;
    }

    /** The CloudEvents {@code id}. */
    public String id() {
        return id;
    }

    /** The Connect cluster the event is about. */
    public ClusterRef cluster() {
        return cluster;
    }

    /** The worker that emitted it. */
    public String workerId() {
        return workerId;
    }

    /** When the emitter started, to the millisecond. */
    public Instant epoch() {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** Monotonic within one epoch. */
    public long sequence() {
        return sequence;
    }

    /** When the state was observed. */
    public Instant time() {
        return time;
    }

    /** The connector name, the worker ID, or {@code null}, as {@link MetadataEvent#subject()}. */
    public String subject() {
        return subject;
    }

    /** {@link StateDigest} of the event, {@value StateDigest#BYTES} bytes (a copy). */
    public byte[] stateDigest() {
        return stateDigest.clone();
    }

    /**
     * Whether the inspector handed to {@link EventScanner#scanBatch(byte[], java.util.function.Predicate)} flagged
     * one of the event's strings; always {@code false} without one.
     */
    public boolean flagged() {
        return flagged;
    }

    /** Where the event's JSON starts in the scanned document (for the tests that hold the scanner's paths together). */
    int offset() {
        return offset;
    }

    /** The length of the event's JSON in bytes. */
    public int length() {
        return length;
    }

    /** The event's JSON ({@value MediaTypes#CLOUDEVENTS_JSON}, UTF-8), a copy. */
    public byte[] json() {
        return Arrays.copyOfRange(document, offset, offset + length);
    }

    /** Copies the event's JSON into {@code destination} at {@code at}; {@link #length()} bytes. */
    public void copyJson(byte[] destination, int at) {
        System.arraycopy(document, offset, destination, at, length);
    }

    /** The envelope only: the payload is not built, and the JSON may hold strings that should not reach a log. */
    @Override
    public String toString() {
        return "ScannedEvent[type=" + type.ceType() + ", id=" + id + ", cluster=" + cluster + ", workerId=" + workerId
                + ", epoch=" + epoch() + ", sequence=" + sequence + ", time=" + time + ", subject=" + subject
                + ", length=" + length + "]";
    }
}
