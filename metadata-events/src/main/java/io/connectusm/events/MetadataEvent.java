package io.connectusm.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One event of the wire contract: a CloudEvents 1.0 envelope around an {@link EventPayload}.
 *
 * <p>Envelope mapping: {@code id} → {@code id}; {@link ClusterRef#source()} → {@code source};
 * {@code payload.type()} → {@code type}; {@code subject} → {@code subject}; {@code time} → {@code time};
 * extensions {@code kafkaclusterid}, {@code connectclusterid}, {@code workerid}, {@code epoch} (the
 * emitter's start instant, epoch milliseconds) and {@code sequence} (monotonic within one epoch); the two
 * numbers travel as strings of decimal digits because CloudEvents integers are 32-bit. See
 * {@link EventCodec} and {@code docs/metadata-events.md} for the JSON form.
 *
 * <p>Checked here: {@code id} and {@code workerId} are not empty; {@code epoch} is not before 1970 and is
 * kept to whole milliseconds, the precision the wire carries, so an event equals its decoded copy;
 * {@code time} lies in the years 0000 to 9999 that RFC 3339 can write; {@code subject} is the one the
 * payload calls for (below). A value class (equal when all fields are equal), written as a final class rather
 * than a record so that it stays Java 11 bytecode for the worker plugin. Immutable and thread-safe.
 */
public final class MetadataEvent {

    /** The earliest {@code time} RFC 3339 can write. */
    static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest {@code time} RFC 3339 can write. */
    static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final String id;
    private final ClusterRef cluster;
    private final String workerId;
    private final Instant epoch;
    private final long sequence;
    private final Instant time;
    private final String subject;
    private final EventPayload payload;

    /**
     * @param id       unique per event (a UUID), not empty
     * @param cluster  the Connect cluster the event is about
     * @param workerId the worker that emitted it, not empty
     * @param epoch    when the emitter started; with {@code sequence}, orders events of one emitter
     * @param sequence monotonic within one epoch, from 0
     * @param time     when the state was observed: newest wins per (cluster, subject)
     * @param subject  the connector name for connector events, the worker ID for worker events, else
     *                 {@code null}; pass {@code null} to have it derived from the payload
     * @param payload  the event's data
     * @throws IllegalArgumentException if a rule of the class comment does not hold
     */
    public MetadataEvent(String id, ClusterRef cluster, String workerId, Instant epoch, long sequence, Instant time,
            String subject, EventPayload payload) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        if (workerId.isEmpty()) {
            throw new IllegalArgumentException("workerId must not be empty");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (epoch.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("epoch must not be before 1970-01-01T00:00:00Z");
        }
        try {
            epoch.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("epoch must be representable in epoch milliseconds");
        }
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException("time must lie in the years 0000 to 9999");
        }
        String expected = subjectOf(payload);
        if (subject != null && !subject.equals(expected)) {
            throw new IllegalArgumentException(expected == null
                    ? "a " + payload.type().ceType() + " event has no subject"
                    : "the subject of a " + payload.type().ceType() + " event must be " + subjectRule(payload));
        }
        this.id = id;
        this.cluster = cluster;
        this.workerId = workerId;
        this.epoch = epoch.truncatedTo(ChronoUnit.MILLIS);
        this.sequence = sequence;
        this.time = time;
        this.subject = expected;
        this.payload = payload;
    }

    /** An event whose {@code subject} is derived from its payload. */
    public MetadataEvent(String id, ClusterRef cluster, String workerId, Instant epoch, long sequence, Instant time,
            EventPayload payload) {
        this(id, cluster, workerId, epoch, sequence, time, null, payload);
    }

    /** Unique per event (a UUID). */
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
        return epoch;
    }

    /** Monotonic within one epoch, from 0. */
    public long sequence() {
        return sequence;
    }

    /** When the state was observed. */
    public Instant time() {
        return time;
    }

    /** The connector name, the worker ID, or {@code null}, as the payload calls for. */
    public String subject() {
        return subject;
    }

    /** The event's data. */
    public EventPayload payload() {
        return payload;
    }

    /** The CloudEvents {@code type} of this event. */
    public EventType type() {
        return payload.type();
    }

    /** The subject a payload travels with: the connector name, the worker ID, or none. */
    static String subjectOf(EventPayload payload) {
        if (payload instanceof ConnectorSnapshot) {
            return ((ConnectorSnapshot) payload).name();
        }
        if (payload instanceof ConnectorDeleted) {
            return ((ConnectorDeleted) payload).name();
        }
        if (payload instanceof WorkerPlugins) {
            return ((WorkerPlugins) payload).workerId();
        }
        return null;
    }

    /** Where the subject comes from, for error messages. */
    static String subjectRule(EventPayload payload) {
        return subjectRule(payload.type());
    }

    /** Where the subject of an event of {@code type} comes from, for error messages. */
    static String subjectRule(EventType type) {
        return type == EventType.WORKER_PLUGINS ? "the worker ID of its payload" : "the connector name of its payload";
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof MetadataEvent)) {
            return false;
        }
        MetadataEvent that = (MetadataEvent) other;
        return id.equals(that.id) && cluster.equals(that.cluster) && workerId.equals(that.workerId)
                && epoch.equals(that.epoch) && sequence == that.sequence && time.equals(that.time)
                && Objects.equals(subject, that.subject) && payload.equals(that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, cluster, workerId, epoch, sequence, time, subject, payload);
    }

    @Override
    public String toString() {
        return "MetadataEvent[id=" + id + ", cluster=" + cluster + ", workerId=" + workerId + ", epoch=" + epoch
                + ", sequence=" + sequence + ", time=" + time + ", subject=" + subject + ", payload=" + payload + "]";
    }
}
