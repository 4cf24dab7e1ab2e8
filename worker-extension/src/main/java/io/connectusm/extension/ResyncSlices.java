package io.connectusm.extension;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Spreads the resync over the resync interval instead of doing it at once: the connectors are split by name hash
 * into as many slices as reconcile passes fit in one resync interval ({@code resync.interval.ms /
 * reconcile.interval.ms}, 100 at the defaults), and each pass resyncs one slice, so every connector is resent (and,
 * when polling, its config re-read) once per interval, and a pass costs 1/100 of a resync rather than a resync
 * every 100 passes costing everything at once. A cycle ends after the last slice: the inventory and the worker's
 * plugin list go then.
 *
 * <p>Not thread-safe: confined to the observer thread. A slice's {@link #current()} predicate is immutable and may
 * be evaluated on any thread.
 */
final class ResyncSlices {

    private final int slices;
    private long pass;

    ResyncSlices(Duration reconcileInterval, Duration resyncInterval) {
        long ratio = resyncInterval.toMillis() / Math.max(1, reconcileInterval.toMillis());
        this.slices = (int) Math.max(1, Math.min(ratio, 100_000));
    }

    int slices() {
        return slices;
    }

    /** The index (0 to {@code slices - 1}) of the slice of the pass under way. */
    int index() {
        return (int) (pass % slices);
    }

    /** Whether a connector belongs to this pass's slice. */
    Predicate<String> current() {
        int index = index();
        int count = slices;
        return name -> Math.floorMod(name.hashCode(), count) == index;
    }

    /** Whether this pass's slice is the last of a cycle (the inventory goes after it). */
    boolean endsCycle() {
        return index() == slices - 1;
    }

    /** On to the next pass's slice. */
    void advance() {
        pass++;
    }
}
