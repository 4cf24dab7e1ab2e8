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
 * payload calls for (below). Immutable and thread-safe.
 *
 * @param id       unique per event (a UUID), not empty
 * @param cluster  the Connect cluster the event is about
 * @param workerId the worker that emitted it, not empty
 * @param epoch    when the emitter started; with {@code sequence}, orders events of one emitter
 * @param sequence monotonic within one epoch, from 0
 * @param time     when the state was observed: newest wins per (cluster, subject)
 * @param subject  the connector name for connector events, the worker ID for worker events, else
 *                 {@code null}; pass {@code null} to have it derived from the payload
 * @param payload  the event's data
 */
public record MetadataEvent(
        String id,
        ClusterRef cluster,
        String workerId,
        Instant epoch,
        long sequence,
        Instant time,
        String subject,
        EventPayload payload) {

    /** The earliest {@code time} RFC 3339 can write. */
    static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest {@code time} RFC 3339 can write. */
    static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public MetadataEvent {
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
        epoch = epoch.truncatedTo(ChronoUnit.MILLIS);
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException("time must lie in the years 0000 to 9999");
        }
        String expected = subjectOf(payload);
        if (subject == null) {
            subject = expected;
        } else if (!subject.equals(expected)) {
            throw new IllegalArgumentException(expected == null
                    ? "a " + payload.type().ceType() + " event has no subject"
                    : "the subject of a " + payload.type().ceType() + " event must be " + subjectRule(payload));
        }
    }

    /** An event whose {@code subject} is derived from its payload. */
    public MetadataEvent(String id, ClusterRef cluster, String workerId, Instant epoch, long sequence, Instant time,
            EventPayload payload) {
        this(id, cluster, workerId, epoch, sequence, time, null, payload);
    }

    /** The CloudEvents {@code type} of this event. */
    public EventType type() {
        return payload.type();
    }

    /** The subject a payload travels with: the connector name, the worker ID, or none. */
    static String subjectOf(EventPayload payload) {
        if (payload instanceof ConnectorSnapshot snapshot) {
            return snapshot.name();
        }
        if (payload instanceof ConnectorDeleted deleted) {
            return deleted.name();
        }
        if (payload instanceof WorkerPlugins plugins) {
            return plugins.workerId();
        }
        return null;
    }

    /** Where the subject comes from, for error messages. */
    static String subjectRule(EventPayload payload) {
        return payload instanceof WorkerPlugins ? "the worker ID of its payload" : "the connector name of its payload";
    }
}
