package io.connectusm.endpoint.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

import io.connectusm.events.MetadataEvent;

/**
 * Where an event stands in the one order in which stored state is replaced: by event time, then the emitter's
 * epoch, then its sequence. Each stored row keeps the stamp of the event it last took; an event replaces it only
 * when its stamp is greater. Events carry state, not deltas, so this makes ingest idempotent and
 * order-insensitive.
 *
 * <p>Times count in microseconds, the most PostgreSQL stores: an event's time and epoch are truncated to them
 * before any comparison, on every database, so a stamp read back compares exactly as the one written. Two events
 * of the same microsecond are ordered by epoch and sequence. Immutable.
 *
 * @param time     the event's time
 * @param epoch    the emitter's start instant
 * @param sequence monotonic within an epoch
 */
record EventStamp(Instant time, Instant epoch, long sequence) implements Comparable<EventStamp> {

    private static final Comparator<EventStamp> ORDER = Comparator.comparing(EventStamp::time)
            .thenComparing(EventStamp::epoch).thenComparingLong(EventStamp::sequence);

    static EventStamp of(MetadataEvent event) {
        return new EventStamp(event.time().truncatedTo(ChronoUnit.MICROS),
                event.epoch().truncatedTo(ChronoUnit.MICROS), event.sequence());
    }

    /** Whether an event with this stamp replaces state stored with {@code stored}. */
    boolean isNewerThan(EventStamp stored) {
        return compareTo(stored) > 0;
    }

    @Override
    public int compareTo(EventStamp other) {
        return ORDER.compare(this, other);
    }
}
