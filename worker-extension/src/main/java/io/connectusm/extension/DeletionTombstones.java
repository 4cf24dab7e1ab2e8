package io.connectusm.extension;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connectors deleted over REST or by a config tombstone, each remembered for {@value #MAX_MS} ms: the herder and the
 * status store show a deleted connector until its tasks have stopped, and it must not be reported again meanwhile;
 * the REST filter and the feed both report a deletion made through this worker, and only the first is sent.
 *
 * <p>Thread-safe: REST threads and the feed's thread mark, the observer thread reads and expires.
 */
final class DeletionTombstones {

    /** How long a deleted connector is ignored while the worker still shows it. */
    static final long MAX_MS = 60_000;

    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    /** Marks {@code name} deleted as of {@code now}; returns whether it was not marked already. */
    boolean mark(String name, Instant now) {
        return until.put(name, now.plusMillis(MAX_MS)) == null;
    }

    boolean contains(String name) {
        return until.containsKey(name);
    }

    /** A create or config write after the deletion revives these names. */
    void revive(Collection<String> names) {
        names.forEach(until::remove);
    }

    void expire(Instant now) {
        until.values().removeIf(end -> !now.isBefore(end));
    }

    /** Forgets the tombstones of connectors the worker no longer lists. */
    void retainAll(Collection<String> listed) {
        until.keySet().retainAll(listed);
    }
}
