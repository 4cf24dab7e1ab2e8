package io.connectusm.endpoint;

import java.time.Instant;

import io.connectusm.events.MetadataEvent;

/**
 * The one order in which stored state is replaced: by event time, then the emitter's epoch, then its sequence.
 * Events carry state, not deltas, so applying only newer ones makes ingest idempotent and order-insensitive.
 * Stateless.
 */
final class EventOrder {

    private EventOrder() {
    }

    /** Whether {@code event} is newer than the stored watermark ({@code time}, {@code epoch}, {@code sequence}). */
    static boolean isNewer(MetadataEvent event, Instant time, Instant epoch, long sequence) {
        int byTime = event.time().compareTo(time);
        if (byTime != 0) {
            return byTime > 0;
        }
        int byEpoch = event.epoch().compareTo(epoch);
        if (byEpoch != 0) {
            return byEpoch > 0;
        }
        return event.sequence() > sequence;
    }
}
