package io.connectusm.agent.spool;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventLimits;
import io.connectusm.events.ScannedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the spool knows in memory, and the rules it applies to the log's entries: per {@link SpoolKey} the entry
 * numbers of its pending events (eight bytes each; the events themselves stay in the {@link EntryLog}, which keeps
 * where each one is), the coalescing of
 * each key to at most {@code spool.history.size} pending states, deduplication per key and sending worker against the
 * key's newest pending or last forwarded state digest ({@link SameState}), and the byte limit, checked after
 * coalescing.
 *
 * <p>One log entry per pending event ({@link SpoolRecord}: entry number → key number, state digest, JSON), entry
 * numbers counting up across the spool, so a new state is one PUT appended to the log plus, when the key's history is
 * full, a REMOVE of its oldest entry. Each spool key gets its number when it first stores an entry
 * ({@code SpoolFile#keys()} keeps the numbering; a number given up leaves it only after the log's commit).
 *
 * <p>Longer than ~300 lines for a reason: loading, appending (with coalescing and the byte limit), reading,
 * acknowledging and dropping all keep the same per-key lists and the same three counters consistent with the store
 * in one pass each; split apart, every piece would need the others' private state.
 *
 * <p>Not thread-safe: only the spool's committer thread calls it (the caller commits what it changed). Built
 * by {@link #load} when the spool opens.
 */
final class SpoolIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolIndex.class);

    /** Where one key's entries are. */
    private static final class KeyState {
        /** {@link SpoolKey#encode()}: the key of the forwarded and keys maps. */
        final String prefix;
        /** The key's number in the store, 0 until it first stores an entry. */
        int number;
        /** The entry numbers of its pending events, oldest first. */
        final EntryNumbers pending = new EntryNumbers();
        /** The key's last state and the workers whose latest events carry it. */
        SameState same = new SameState();

        // The batch being appended ({@link #batch} its number), so that a batch needs no maps of its own.
        /** The number of the last batch with an event of this key. */
        long batch;
        /** Whether this batch created the key: a refused batch takes it out again. */
        boolean fresh;
        /** Events of this key the batch adds (not duplicates), and how many of those it coalesces away unwritten. */
        int added;
        int skip;
        /** Whether the batch began storing this key's events (coalesced its history). */
        boolean storing;
        /** The batch's first added event of this key, until a second event of the key needs {@link #look}. */
        IncomingEvent firstAdded;
        /** {@link #same} as the batch's events so far left it; only once the key has a second event in the batch. */
        SameState look;

        /** The key itself (the index's map key). */
        final SpoolKey key;

        KeyState(SpoolKey key) {
            this.key = key;
            this.prefix = key.encode();
        }

        int count() {
            return pending.size();
        }
    }

    private final SpoolSettings settings;
    private final SpoolMetrics metrics;
    private final SpoolFile file;
    private final EntryLog entries;
    private final MVMap<Long, String> keyNumbers;
    private final MVMap<String, String> forwarded;
    /** Iteration order is the forwarding order: keys in the order they started waiting. */
    private final LinkedHashMap<SpoolKey, KeyState> keys = new LinkedHashMap<>();
    private long pendingBytes;
    private int pendingEvents;
    private int pendingKeys;
    private long nextEntry = 1;
    /** Appends so far: the number of the batch being appended, see {@code KeyState#batch}. */
    private long batches;
    /** The keys of the batch being appended, in the order of their first event. */
    private final List<KeyState> touched = new ArrayList<>();
    /** Per event of the batch being appended, its key's state, {@code null} for a duplicate; reused, cleared after. */
    private KeyState[] addedTo = new KeyState[0];
    private int nextKeyNumber = 1;

    private SpoolIndex(SpoolFile file, SpoolSettings settings, SpoolMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.file = file;
        this.entries = file.entries();
        this.keyNumbers = file.keys();
        this.forwarded = file.forwarded();
    }

    /**
     * Reads the index from the files (earlier layouts' entries already moved into the log, see
     * {@link EntriesMigration}): every key number, forwarded state and log entry; entries that are not valid events
     * (the forwarder must not send junk) or name no key are removed and counted.
     */
    static SpoolIndex load(SpoolFile file, SpoolSettings settings, SpoolMetrics metrics) {
        SpoolIndex index = new SpoolIndex(file, settings, metrics);
        int damaged = file.migrationDamaged();
        Map<Integer, KeyState> byNumber = new HashMap<>();
        List<Long> unusable = new ArrayList<>();
        for (Map.Entry<Long, String> entry : index.keyNumbers.entrySet()) {
            SpoolKey key = SpoolKey.decode(entry.getValue());
            if (key == null || index.keys.containsKey(key) || entry.getKey() < 1 || entry.getKey() > Integer.MAX_VALUE) {
                unusable.add(entry.getKey());
                continue;
            }
            KeyState state = new KeyState(key);
            state.number = entry.getKey().intValue();
            index.keys.put(key, state);
            byNumber.put(state.number, state);
            index.nextKeyNumber = Math.max(index.nextKeyNumber, state.number + 1);
        }
        unusable.forEach(index.keyNumbers::remove);
        for (Map.Entry<String, String> entry : index.forwarded.entrySet()) {
            SpoolKey key = SpoolKey.decode(entry.getKey());
            if (key == null) {
                damaged++;
                continue;
            }
            try {
                index.keys.computeIfAbsent(key, KeyState::new).same = SameState.decodeForwarded(entry.getValue());
            } catch (RuntimeException e) {
                damaged++;
            }
        }
        unusable.clear();
        // Ascending entry numbers: each key's entries in the order they were stored.
        for (long number : index.entries.numbers()) {
            byte[] value = index.entries.get(number);
            ScannedEvent scanned = scanned(value);
            KeyState state = scanned != null ? byNumber.get(SpoolRecord.keyNumber(value)) : null;
            if (state == null) {
                damaged++;
                unusable.add(number);
                continue;
            }
            index.loaded(state, number, value, scanned);
        }
        unusable.forEach(index.entries::remove);
        // After every number any record names, removed ones too: a number is not reused while the log holds it.
        index.nextEntry = index.entries.highest() + 1;
        if (damaged > 0) {
            LOG.warn("skipped {} damaged spool entries; the workers' next inventory restores them", damaged);
            metrics.damaged.inc(damaged);
        }
        return index;
    }

    private void loaded(KeyState state, long number, byte[] value, ScannedEvent event) {
        state.pending.add(number);
        state.same.stored(SpoolRecord.digest(value), IncomingEvent.workerOf(event), number);
        if (state.count() == 1) {
            pendingKeys++;
        }
        pendingEvents++;
        pendingBytes += SpoolRecord.jsonLength(value);
    }

    /** The key's number in the store, given (and recorded) when it first needs one. */
    private int numberOf(KeyState state) {
        if (state.number == 0) {
            if (nextKeyNumber == Integer.MAX_VALUE) {
                throw new IllegalStateException("the spool has numbered " + Integer.MAX_VALUE + " keys");
            }
            state.number = nextKeyNumber++;
            keyNumbers.put((long) state.number, state.prefix);
        }
        return state.number;
    }

    /** Whether a stored value has the spool's layout and holds a valid event. */
    static boolean isEvent(byte[] value) {
        return scanned(value) != null;
    }

    /** The event of a stored value (scanned, not built), {@code null} unless it has the spool's layout and is valid. */
    private static ScannedEvent scanned(byte[] value) {
        try {
            return SpoolRecord.isWellFormed(value) ? BatchCodec.scanEvent(SpoolRecord.json(value)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A cluster's inventory is never a duplicate: a worker sends it once per resync interval, and for a cluster where
     * nothing changes it is the one event that reaches the endpoint (every resync snapshot of an unchanged connector
     * is one), so the endpoint can tell an idle cluster from a silent one (its "last heard", the stale flag, the
     * metrics' last report age and the "cluster silent" alert).
     */
    private static boolean isLiveness(SpoolKey key) {
        return SpoolKey.INVENTORY.equals(key.kind());
    }

    /**
     * Stores the new states of a batch, all or nothing.
     *
     * @throws SpoolFullException when the batch would leave more than {@code spool.max.bytes} pending once what it
     *                            pushes out of its keys' histories is gone (nothing is stored then)
     */
    AppendResult append(List<IncomingEvent> incoming) {
        // Two passes over the batch, no maps of its own: which events add a state (the look-ahead changes nothing
        // the index keeps), the limit; then each added event stored, its key's history coalesced at its first.
        long batch = ++batches;
        KeyState[] addedTo = addedTo(incoming.size());
        try {
            long addedBytes = 0;
            int deduplicated = 0;
            for (int i = 0; i < incoming.size(); i++) {
                IncomingEvent event = incoming.get(i);
                KeyState state = touch(event.key(), batch);
                if (isDuplicate(state, event) && !isLiveness(event.key())) {
                    deduplicated++;
                    continue;
                }
                lookAhead(state, event);
                addedTo[i] = state;
                state.added++;
                addedBytes += event.jsonLength();
            }
            if (pendingBytes + addedBytes > settings.maxBytes()) {
                checkLimit(incoming, addedTo, addedBytes);
            }
            for (int i = 0; i < incoming.size(); i++) {
                if (addedTo[i] != null) {
                    store(addedTo[i], incoming.get(i));
                }
            }
            int stored = incoming.size() - deduplicated;
            metrics.deduplicated.inc(deduplicated);
            return new AppendResult(stored, deduplicated);
        } catch (SpoolFullException e) {
            // Refused before anything changed: as if the batch never came, keys it created included.
            touched.stream().filter(state -> state.fresh).forEach(state -> keys.remove(state.key));
            throw e;
        } finally {
            Arrays.fill(addedTo, 0, incoming.size(), null);
            for (KeyState state : touched) {
                state.fresh = false;
                state.firstAdded = null;
                state.look = null;
                state.added = 0;
                state.skip = 0;
                state.storing = false;
            }
            touched.clear();
        }
    }

    /** The key's state, marked as part of {@code batch}; created (and flagged fresh) for a key never seen. */
    private KeyState touch(SpoolKey key, long batch) {
        KeyState state = keys.get(key);
        if (state == null) {
            state = new KeyState(key);
            state.fresh = true;
            keys.put(key, state);
        }
        if (state.batch != batch) {
            state.batch = batch;
            touched.add(state);
        }
        return state;
    }

    /**
     * Whether the event says nothing new given the key's state as the batch's earlier events leave it: its first
     * event is checked against the key's state itself, a second one against a copy that took the first (made only
     * then: most batches have one event per key, and they copy nothing).
     */
    private static boolean isDuplicate(KeyState state, IncomingEvent event) {
        if (state.look == null && state.added > 0) {
            state.look = state.same.copy();
            state.look.stored(state.firstAdded.digest(), state.firstAdded.worker(), SameState.FORWARDED);
            state.firstAdded = null;
        }
        SameState same = state.look != null ? state.look : state.same;
        return same.isDuplicate(event.digest(), event.worker());
    }

    private static void lookAhead(KeyState state, IncomingEvent event) {
        if (state.look != null) {
            state.look.stored(event.digest(), event.worker(), SameState.FORWARDED);
        } else {
            state.firstAdded = event;
        }
    }

    /**
     * Up to {@code max} pending events, oldest key first and each key's events in order, read from the log;
     * fewer when more would make a batch longer than the wire contract allows.
     */
    List<PendingEvent> pending(int max) {
        List<PendingEvent> batch = new ArrayList<>();
        long batchBytes = 2;
        for (Map.Entry<SpoolKey, KeyState> entry : keys.entrySet()) {
            EntryNumbers pending = entry.getValue().pending;
            for (int i = 0; i < pending.size(); i++) {
                byte[] value = entries.get(pending.get(i));
                if (value == null) {
                    continue;
                }
                int length = SpoolRecord.jsonLength(value);
                if (batch.size() >= max || !batch.isEmpty() && batchBytes + length + 1 > EventLimits.MAX_DOCUMENT_BYTES) {
                    return batch;
                }
                batch.add(new PendingEvent(entry.getKey(), pending.get(i), SpoolRecord.json(value)));
                batchBytes += length + 1;
            }
        }
        return batch;
    }

    /** Deletes events the endpoint acknowledged and remembers their states as forwarded. */
    void acknowledge(List<PendingEvent> sent) {
        for (PendingEvent event : sent) {
            KeyState state = keys.get(event.key());
            // Gone already when newer states coalesced it away while it was being sent.
            if (state == null || !state.pending.remove(event.seq())) {
                continue;
            }
            removedOne(state, entries.remove(event.seq()));
            if (state.count() == 0) {
                // Only the newest state matters for deduplication, and it is forwarded once the key is empty.
                state.same.allForwarded();
                forwarded.put(state.prefix, state.same.encodeForwarded());
            }
        }
    }

    /**
     * Drops every pending event of {@code clusters} and forgets what was forwarded for them.
     *
     * @return the number of pending events dropped
     */
    int dropClusters(Set<ClusterRef> clusters) {
        int dropped = 0;
        for (Iterator<Map.Entry<SpoolKey, KeyState>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SpoolKey, KeyState> entry = it.next();
            if (clusters.contains(entry.getKey().cluster())) {
                KeyState state = entry.getValue();
                dropped += state.count();
                while (state.count() > 0) {
                    removedOne(state, entries.remove(state.pending.removeFirst()));
                }
                forwarded.remove(state.prefix);
                if (state.number != 0) {
                    // Only once the log's REMOVEs of its entries are durable: never a number with entries on disk.
                    file.removeKeyAfterCommit(state.number);
                }
                it.remove();
            }
        }
        metrics.droppedUnregistered.inc(dropped);
        return dropped;
    }

    /** Encoded bytes of the pending events. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** Pending events. */
    int pendingEvents() {
        return pendingEvents;
    }

    /** Keys with pending events. */
    int pendingKeys() {
        return pendingKeys;
    }

    /** What this index holds on the heap, for tests that measure it. */
    Object heapForTests() {
        return keys;
    }

    /** An array of at least {@code events} empty slots, reused from batch to batch. */
    private KeyState[] addedTo(int events) {
        if (addedTo.length < events) {
            addedTo = new KeyState[Math.max(events, 2 * addedTo.length)];
        }
        return addedTo;
    }

    /**
     * Near the limit only: what the batch coalesces away counts too, so a key whose history is full can always
     * replace its oldest state; a batch that would grow a full spool is refused whole.
     *
     * @throws SpoolFullException when the batch would leave more than {@code spool.max.bytes} pending
     */
    private void checkLimit(List<IncomingEvent> incoming, KeyState[] addedTo, long addedBytes) {
        long growth = addedBytes;
        for (KeyState state : touched) {
            int existing = state.count();
            int excess = Math.max(0, existing + state.added - settings.historySize());
            for (int i = 0; excess > 0 && i < existing; i++, excess--) {
                int length = entries.valueLength(state.pending.get(i));
                growth -= length < 0 ? 0 : SpoolRecord.jsonLength(length);
            }
            state.skip = excess;
        }
        // The batch's own events that a later one of their key supersedes: the first ones of each key.
        for (int i = 0; i < incoming.size(); i++) {
            KeyState state = addedTo[i];
            if (state != null && state.skip > 0) {
                growth -= incoming.get(i).jsonLength();
                state.skip--;
            }
        }
        if (growth > 0 && pendingBytes + growth > settings.maxBytes()) {
            throw new SpoolFullException("the spool holds " + pendingBytes + " of " + settings.maxBytes() + " bytes");
        }
        touched.forEach(state -> state.skip = 0);
    }

    /**
     * Stores one new state of a key (the batch's events in arrival order): its key's first of the batch removes the
     * oldest entries beyond the history and counts how many of the batch's own it supersedes, which are never written;
     * O(1) store writes per event, whatever the history size.
     */
    private void store(KeyState state, IncomingEvent event) {
        if (!state.storing) {
            state.storing = true;
            if (state.count() == 0) {
                // Re-insert so that keys are forwarded in the order they started waiting.
                keys.remove(state.key);
                keys.put(state.key, state);
            }
            int excess = Math.max(0, state.count() + state.added - settings.historySize());
            metrics.coalesced.inc(excess);
            while (excess > 0 && state.count() > 0) {
                long oldest = state.pending.removeFirst();
                state.same.removed(oldest);
                removedOne(state, entries.remove(oldest));
                excess--;
            }
            state.skip = excess;
            numberOf(state);
        }
        if (state.skip > 0) {
            // Superseded within this very batch: never written.
            state.same.skipped(event.digest());
            state.skip--;
            return;
        }
        byte[] value = event.value();
        SpoolRecord.setKeyNumber(value, state.number);
        long entry = nextEntry++;
        entries.put(entry, value);
        state.pending.add(entry);
        state.same.stored(event.digest(), event.worker(), entry);
        if (state.count() == 1) {
            pendingKeys++;
        }
        pendingEvents++;
        pendingBytes += event.jsonLength();
    }

    /**
     * Accounts for an entry just taken off {@code state}'s list ({@code valueLength}: its value's length, -1 when the
     * log had none, never in practice).
     */
    private void removedOne(KeyState state, int valueLength) {
        pendingBytes -= valueLength < 0 ? 0 : SpoolRecord.jsonLength(valueLength);
        pendingEvents--;
        if (state.count() == 0) {
            pendingKeys--;
        }
    }
}
