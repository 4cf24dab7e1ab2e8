package io.connectusm.extension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Paces the connectors of a due {@link ResyncSlices} slice: at most {@value #CHUNK} of them every
 * {@link #STEP}, instead of the whole slice (~250 at 5,000 connectors) in one observer step. Each resync reads the
 * status store and encodes a snapshot, so a whole slice at once is one burst of CPU and allocation (~3.5 MB) that
 * the worker's REST threads share the cores with; in chunks, a slice spreads over about a second and the sender sends
 * it in several batches. A connector queued twice is resynced once.
 *
 * <p>Not thread-safe: confined to the observer thread, except {@link #underWay()}.
 */
final class ResyncPacer {

    /** How many connectors one step resyncs at most. */
    static final int CHUNK = 25;
    /** The time between two chunks. */
    static final Duration STEP = Duration.ofMillis(100);

    private final LinkedHashSet<String> queued = new LinkedHashSet<>();
    /** Read by the delivery thread ({@link ResyncHold}): whether more of a slice's snapshots are to come. */
    private volatile boolean underWay;
    private Instant nextAt = Instant.EPOCH; // not MIN: the loop computes a sleep from it

    /** Queues a slice's connectors; the first chunk is due at once if none is under way. */
    void enqueue(Collection<String> names) {
        queued.addAll(names);
        underWay = !queued.isEmpty();
    }

    /** The chunk {@link #due} gave has been resynced (its snapshots appended): the slice may be complete. */
    void chunkDone() {
        underWay = !queued.isEmpty();
    }

    /**
     * Whether a slice is being paced: queued, or its last chunk not yet {@link #chunkDone done}. Thread-safe: the
     * delivery thread asks it.
     */
    boolean underWay() {
        return underWay;
    }

    /** The chunk due at {@code now} (removed from the queue), or an empty list when none is. */
    List<String> due(Instant now) {
        if (queued.isEmpty() || now.isBefore(nextAt)) {
            return List.of();
        }
        List<String> chunk = new ArrayList<>(Math.min(CHUNK, queued.size()));
        Iterator<String> names = queued.iterator();
        while (names.hasNext() && chunk.size() < CHUNK) {
            chunk.add(names.next());
            names.remove();
        }
        nextAt = now.plus(STEP);
        return chunk;
    }

    /** When the next chunk is due, or {@code null} when nothing is queued. */
    Instant nextAt() {
        return queued.isEmpty() ? null : nextAt;
    }

    /** How many connectors wait for their resync. */
    int queued() {
        return queued.size();
    }
}
