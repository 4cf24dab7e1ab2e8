package io.connectusm.agent.spool;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The deduplication rule of one spool key: the key's last state (the digest of its newest stored event, pending or
 * forwarded) and which workers' latest events on the key carry that state, each with the store entry that holds its
 * event ({@link #FORWARDED} once forwarded). An event is a duplicate only when it carries the key's last state
 * <em>and</em> its worker's latest event already did: the same state from another worker is forwarded once, since
 * the endpoint decides per fact which worker's report is authoritative (the worker running a task for that task) and
 * must see that worker's own report; a worker's repeated resyncs of an unchanged connector stay deduplicated.
 *
 * <p>A worker whose event is coalesced away before it was forwarded is forgotten ({@link #removed}), so its next
 * report of the same state is forwarded. At most {@link #MAX_WORKERS} workers are remembered per key (the oldest
 * forgotten first: at worst one more forward). Not thread-safe: the spool's committer thread owns it.
 */
final class SameState {

    /** The entry number of a worker whose event was forwarded (entry numbers start at 1). */
    static final long FORWARDED = 0;

    /** How many workers one key remembers; more than a Connect cluster has that report one connector. */
    static final int MAX_WORKERS = 64;

    private String digest;
    /**
     * Worker IDs and, at the same index, the entry holding that worker's latest event, which carries {@link #digest};
     * oldest first, {@link #size} of them. Two small arrays rather than a map: a key has one or a few workers, and the
     * committer looks them up, copies and rewrites them for every event it takes.
     */
    private String[] workers = NO_WORKERS;
    private long[] entries = NO_ENTRIES;
    private int size;

    private static final String[] NO_WORKERS = {};
    private static final long[] NO_ENTRIES = {};

    /** The key's last state, {@code null} when none is known. */
    String digest() {
        return digest;
    }

    /** Whether an event of {@code worker} with state {@code eventDigest} says nothing new. */
    boolean isDuplicate(String eventDigest, String worker) {
        return eventDigest.equals(digest) && indexOf(worker) >= 0;
    }

    /** An event of {@code worker} stored as entry {@code entry}: the key's last state from now on. */
    void stored(String eventDigest, String worker, long entry) {
        skipped(eventDigest);
        int at = indexOf(worker);
        if (at >= 0) {
            removeAt(at);
        } else if (size == MAX_WORKERS) {
            removeAt(0);
        }
        if (size == workers.length) {
            int grown = Math.min(MAX_WORKERS, Math.max(2, size * 2));
            workers = Arrays.copyOf(workers, grown);
            entries = Arrays.copyOf(entries, grown);
        }
        workers[size] = worker;
        entries[size++] = entry;
    }

    /** An event coalesced away within its own batch (never stored), yet newer than what came before it. */
    void skipped(String eventDigest) {
        if (!eventDigest.equals(digest)) {
            digest = eventDigest;
            Arrays.fill(workers, 0, size, null);
            size = 0;
        }
    }

    /** Entry {@code entry} coalesced away unforwarded: the worker whose latest event it held reports anew. */
    void removed(long entry) {
        for (int i = size - 1; i >= 0; i--) {
            if (entries[i] == entry) {
                removeAt(i);
            }
        }
    }

    /** Every remembered worker's event was forwarded (the key has nothing pending). */
    void allForwarded() {
        Arrays.fill(entries, 0, size, FORWARDED);
    }

    /** A copy, for a batch's look-ahead. */
    SameState copy() {
        SameState out = new SameState();
        out.digest = digest;
        out.workers = Arrays.copyOf(workers, size);
        out.entries = Arrays.copyOf(entries, size);
        out.size = size;
        return out;
    }

    private int indexOf(String worker) {
        for (int i = 0; i < size; i++) {
            if (workers[i].equals(worker)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int at) {
        System.arraycopy(workers, at + 1, workers, at, size - at - 1);
        System.arraycopy(entries, at + 1, entries, at, size - at - 1);
        workers[--size] = null;
    }

    /**
     * The forwarded state as the spool's {@code forwarded} map keeps it: the digest, then each worker whose event
     * was forwarded, URL-encoded, each after a space. A bare digest (the layout before per-worker deduplication)
     * decodes with no workers: each worker's next report of that state is forwarded once.
     */
    String encodeForwarded() {
        StringBuilder out = new StringBuilder(digest);
        for (int i = 0; i < size; i++) {
            if (entries[i] == FORWARDED) {
                out.append(' ').append(URLEncoder.encode(workers[i], StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #encodeForwarded()}. */
    static SameState decodeForwarded(String stored) {
        SameState out = new SameState();
        Iterator<String> parts = Arrays.asList(stored.split(" ")).iterator();
        out.digest = parts.next();
        while (parts.hasNext()) {
            String part = parts.next();
            if (!part.isEmpty()) {
                out.stored(out.digest, URLDecoder.decode(part, StandardCharsets.UTF_8), FORWARDED);
            }
        }
        return out;
    }
}
