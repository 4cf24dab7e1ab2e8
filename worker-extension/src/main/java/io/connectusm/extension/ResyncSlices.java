package io.connectusm.extension;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Spreads the resync over the resync interval instead of doing it at once: each cycle (one resync interval) splits
 * the connectors by name hash into slices of about {@value #TARGET_PER_SLICE} (at most one per reconcile pass), due
 * evenly over the interval, so every connector is resent (and, when polling, its config re-read) once per interval
 * and no pass carries the whole resync. Slices of a few hundred connectors rather than one per pass, because each
 * batch sent costs a request whatever its size. The inventory and the worker's plugin list go with the last slice.
 * The number of slices is fixed for a cycle, so a cycle resyncs every connector exactly once.
 *
 * <p>Not thread-safe: confined to the observer thread. A {@link #slice(int)} predicate is immutable and may be
 * evaluated on any thread.
 */
final class ResyncSlices {

    /** About how many connectors one slice resyncs. */
    static final int TARGET_PER_SLICE = 250;
    /** Returned by {@link #due} when no slice is due. */
    static final int NONE = -1;

    private final Duration resyncInterval;
    private final int maxSlices;
    private Instant cycleStart;
    private int slices = 1;
    private int next;

    ResyncSlices(Duration reconcileInterval, Duration resyncInterval) {
        this.resyncInterval = resyncInterval;
        long ratio = resyncInterval.toMillis() / Math.max(1, reconcileInterval.toMillis());
        this.maxSlices = (int) Math.max(1, Math.min(ratio, 100_000));
    }

    /** Starts the first cycle (after a pass that resynced everything). */
    void start(Instant now, int connectors) {
        cycleStart = now;
        slices = slicesFor(connectors);
        next = 0;
    }

    /**
     * The slice due at {@code now}, or {@link #NONE}; a due slice counts as done. After the last slice of a cycle
     * the next cycle starts, split for {@code connectors}.
     */
    int due(Instant now, int connectors) {
        if (cycleStart == null) {
            return NONE;
        }
        if (next >= slices) {
            Instant cycleEnd = cycleStart.plus(resyncInterval);
            if (now.isBefore(cycleEnd)) {
                return NONE;
            }
            cycleStart = cycleEnd.isBefore(now.minus(resyncInterval)) ? now : cycleEnd;
            slices = slicesFor(connectors);
            next = 0;
        }
        Instant at = cycleStart.plusMillis(resyncInterval.toMillis() * (next + 1) / slices);
        return now.isBefore(at) ? NONE : next++;
    }

    /** Whether a connector belongs to slice {@code index} of this cycle. */
    Predicate<String> slice(int index) {
        int count = slices;
        return name -> Math.floorMod(name.hashCode(), count) == index;
    }

    /** Whether {@code index} is the last slice of this cycle (the inventory goes with it). */
    boolean endsCycle(int index) {
        return index == slices - 1;
    }

    int slices() {
        return slices;
    }

    private int slicesFor(int connectors) {
        return Math.max(1, Math.min(maxSlices, (connectors + TARGET_PER_SLICE - 1) / TARGET_PER_SLICE));
    }
}
