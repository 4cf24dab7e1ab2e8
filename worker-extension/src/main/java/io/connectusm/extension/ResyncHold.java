package io.connectusm.extension;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether the delivery thread holds back what it would send, so that a resync slice leaves in one request instead
 * of one per chunk: {@link ResyncPacer} hands the observer a slice 25 connectors every 100 ms, and a sender that
 * sends whatever is queued would make ~10 POSTs of a 250-connector slice, each costing the worker the HTTP client's
 * and TLS's buffers and objects whatever its size. It holds only while a slice is still being paced, only while the
 * outbox holds nothing but routine resends ({@link PendingEvents#routineOnly()}: a change, e.g. a task failure, is
 * sent at once and takes the slice's snapshots with it), never beyond a full batch, and at most {@link #MAX_HOLD}.
 *
 * <p>Not thread-safe: confined to the delivery thread; the slice supplier is read from it and must be thread-safe.
 */
final class ResyncHold {

    /** The longest a routine resend waits for the rest of its slice: a slice is paced over about a second. */
    static final Duration MAX_HOLD = Duration.ofSeconds(2);

    private final BooleanSupplier sliceUnderWay;
    private Instant holdingSince;

    /** @param sliceUnderWay whether a resync slice is being paced and more of its snapshots are to come */
    ResyncHold(BooleanSupplier sliceUnderWay) {
        this.sliceUnderWay = sliceUnderWay;
    }

    /**
     * Whether to wait rather than send now.
     *
     * @param routineOnly whether the outbox holds only routine resends
     * @param full        whether it already holds a full batch
     */
    boolean hold(Instant now, boolean routineOnly, boolean full) {
        if (!routineOnly || full || !sliceUnderWay.getAsBoolean()) {
            holdingSince = null;
            return false;
        }
        if (holdingSince == null) {
            holdingSince = now;
        }
        return now.isBefore(holdingSince.plus(MAX_HOLD));
    }

    /** A batch was sent: the next hold starts afresh. */
    void sent() {
        holdingSince = null;
    }
}
