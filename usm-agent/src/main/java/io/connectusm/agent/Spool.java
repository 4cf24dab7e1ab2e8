package io.connectusm.agent;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventLimits;
import io.connectusm.events.MetadataEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: events accepted from workers and not yet acknowledged by the endpoint, in an H2
 * MVStore file, coalesced per {@link SpoolKey} to a bounded history of transitions, so its size follows the
 * number of connectors, not the number of events.
 *
 * <p><b>Layout.</b> One store entry per pending event ({@link SpoolRecord}: key and per-key sequence number →
 * state digest and JSON), so a new state is one insert plus, when the key's history is full, the removal of
 * its oldest entry. The heap holds an index of keys only (where each key's entries are, its newest digest),
 * never the events: the forwarder reads their bytes from the store, one batch at a time.
 *
 * <p><b>Durability and group commit.</b> Every operation is a task on a bounded queue, applied by one
 * committer thread, the only thread that touches the store. It takes every task waiting, applies them all,
 * then commits the MVStore once and forces the file to disk ({@code FileChannel.force}); only then does it
 * complete the tasks' futures. A 204 sent when {@link #append} completes therefore means the batch survives
 * {@code kill -9} and power loss, and one fsync covers every batch that arrived meanwhile.
 *
 * <p><b>Backpressure.</b> {@link #append} fails with {@link SpoolFullException} when the commit queue is full,
 * or when the batch would leave more than {@code spool.max.bytes} pending after coalescing (what it pushes out
 * of its keys' histories counts): a new state of a connector whose history is full is always taken. It never
 * blocks the caller (a Netty event loop).
 *
 * <p><b>Damage.</b> MVStore opens a truncated or torn file at its last intact chunk, silently; the spool
 * compares the version it opened at with the {@link CommitMarker} written after every commit and, when the
 * store went back, counts it and logs one warning. At start, entries that do not decode are skipped, removed
 * and counted; a store file that cannot be opened at all is moved aside and a new one started. Workers resend
 * their inventory and snapshots periodically, which restores what was lost.
 *
 * <p>Thread-safe: public methods only enqueue. Lifecycle: {@link #open}, use, {@link #close()} (applies what
 * is queued, commits, closes the file).
 */
final class Spool implements AutoCloseable {

    /** The MVStore file name inside the spool directory. */
    static final String FILE_NAME = "spool.mv.db";
    /** The map in which agents before one-entry-per-event kept each key's history as one batch. */
    static final String LEGACY_PENDING_MAP = "pending";

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final int MAX_TASKS_PER_COMMIT = 4096;
    private static final int COMPACT_EVERY_COMMITS = 64;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;
    /**
     * How long a chunk without live data is kept before its space is reused. MVStore's default (45 s) guards
     * against disks that have not flushed yet; every commit here is followed by an fsync, so a short
     * retention is safe and keeps the file from growing with the commit rate.
     */
    private static final int RETENTION_MILLIS = 1000;
    /**
     * B-tree leaf size at which MVStore splits a page. Each commit rewrites every leaf it touched; with one entry
     * per event (~2.4 KB) MVStore's 48 KB default rewrites ~20 events to store one, 8 KB a few. Measured with the
     * ingest harness (1,000 connectors, 16 clients x 50 events): 8 KB wrote 112 MB/s of disk and kept a 139 MiB
     * file where 48 KB wrote 293 MB/s and kept 468 MiB, and took ~20 % more events per second.
     */
    private static final int PAGE_SPLIT_BYTES = 8 * 1024;

    /**
     * One pending event as the forwarder gets it: its key, its place in the key's history and its JSON, read
     * from the store for this batch only.
     */
    record Pending(SpoolKey key, long seq, byte[] json) {

        /** The event, decoded (the forwarder sends {@link #json()} as it is). */
        MetadataEvent event() {
            return BatchCodec.decodeEvent(json);
        }
    }

    /** The result of an append: how many events were stored and how many were already known. */
    record AppendResult(int stored, int deduplicated) {
    }

    /** An event prepared for the store on the caller's thread, so the committer only writes. */
    private record Incoming(SpoolKey key, byte[] json, String digest) {
    }

    /**
     * What the spool keeps in memory per key: where its entries are in the store, not the events. The size
     * of this index therefore follows the number of keys, whatever the number of pending events. Only the
     * committer thread touches it.
     */
    private static final class KeyState {
        final String prefix;
        /** The key's pending entries have store sequence numbers in [first, next); count of them exist. */
        long first;
        long next;
        int count;
        /** Digest of the newest pending entry, {@code null} when there is none. */
        String latestDigest;
        /** Digest of the state last acknowledged by the endpoint, or {@code null}. */
        String forwardedDigest;

        KeyState(SpoolKey key) {
            this.prefix = key.encode();
        }

        /** The state a new event is compared with: the newest pending one, else the last forwarded. */
        String lastDigest() {
            return count > 0 ? latestDigest : forwardedDigest;
        }
    }

    private record Task<T>(boolean mutates, Callable<T> action, CompletableFuture<T> future) {
        void complete(Object result) {
            @SuppressWarnings("unchecked")
            T value = (T) result;
            future.complete(value);
        }
    }

    private final SpoolSettings settings;
    private final AgentMetrics metrics;
    private final Runnable onCommitted;
    private final MVStore store;
    private final CommitMarker marker;
    /** One entry per pending event, see {@link SpoolRecord}. */
    private final MVMap<String, byte[]> eventsMap;
    private final MVMap<String, String> forwardedMap;
    /** Only touched by the committer thread; iteration order is the forwarding order. */
    private final LinkedHashMap<SpoolKey, KeyState> index = new LinkedHashMap<>();
    /** Pending bytes, events and non-empty keys as the committer applied them; published after each commit. */
    private long bytes;
    private int events;
    private int keys;
    private final BlockingQueue<Task<?>> queue;
    private final Thread committer;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;
    private volatile long pendingBytes;
    private volatile int pendingKeys;
    private volatile int pendingEvents;
    /** Only touched by the committer thread. */
    private long commits;
    /** Whether writing the commit marker failed already, so it is logged once; committer thread only. */
    private boolean markerFailed;

    private Spool(SpoolSettings settings, AgentMetrics metrics, Runnable onCommitted, MVStore store,
            CommitMarker marker) {
        this.settings = settings;
        this.metrics = metrics;
        this.onCommitted = onCommitted;
        this.store = store;
        this.marker = marker;
        this.eventsMap = store.openMap("events");
        this.forwardedMap = store.openMap("forwarded");
        store.setRetentionTime(RETENTION_MILLIS);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.committer = new Thread(this::runCommitter, "usm-agent-spool-committer");
        this.committer.setDaemon(true);
    }

    /**
     * Opens (or creates) the spool in {@code settings.directory()} and starts its committer thread.
     *
     * @param onCommitted run on the committer thread after each commit that changed something (wakes the
     *                    forwarder); must not block
     */
    static Spool open(SpoolSettings settings, AgentMetrics metrics, Runnable onCommitted, Clock clock) throws IOException {
        OwnerOnlyFiles.directory(settings.directory());
        Path file = settings.directory().resolve(FILE_NAME);
        CommitMarker marker = CommitMarker.open(settings.directory().resolve(CommitMarker.FILE_NAME));
        try {
            Spool spool = openOrReplace(settings, metrics, onCommitted, clock, file, marker);
            // From here on the marker follows this store, so a rollback is reported once, not at every start.
            marker.write(spool.store.getCurrentVersion());
            OwnerOnlyFiles.filesIn(settings.directory());
            spool.committer.start();
            return spool;
        } catch (IOException | RuntimeException e) {
            marker.close();
            throw e;
        }
    }

    private static Spool openOrReplace(SpoolSettings settings, AgentMetrics metrics, Runnable onCommitted,
            Clock clock, Path file, CommitMarker marker) throws IOException {
        long committed = marker.read();
        Spool spool;
        try {
            spool = new Spool(settings, metrics, onCommitted, openStore(file), marker);
            spool.reportRollback(file, committed);
            spool.load();
        } catch (RuntimeException damaged) {
            // The file is beyond what MVStore recovers by itself (it already falls back to the last good
            // chunk after a torn write). Keep it for inspection and start empty: the workers' next
            // inventory and snapshots refill the spool, which beats a crash loop.
            Path aside = file.resolveSibling(FILE_NAME + ".damaged-" + clock.millis());
            LOG.warn("spool file {} cannot be read ({}); moved to {} and starting empty", file,
                    damaged.getClass().getSimpleName(), aside);
            metrics.spoolDamaged.inc();
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            spool = new Spool(settings, metrics, onCommitted, openStore(file), marker);
            spool.load();
        }
        return spool;
    }

    /**
     * Counts and logs, once, a store that opened at an older version than the last one committed: MVStore fell
     * back to its last intact chunk (a truncated file, a torn write), and events answered 204 after that
     * version are gone from here. The workers' periodic inventory and resync snapshots bring the endpoint's
     * state back; there is nothing to do by hand, but it must not go unnoticed.
     */
    private void reportRollback(Path file, long committed) {
        long opened = store.getCurrentVersion();
        if (committed != CommitMarker.UNKNOWN && opened < committed) {
            metrics.spoolRecovered.inc();
            LOG.warn("spool file {} was truncated or damaged: it opened at commit {} but commit {} had been written, so "
                    + "events acknowledged after commit {} may be lost here; the workers' next inventory and resync "
                    + "snapshots restore their state at the endpoint", file, opened, committed, opened);
        }
    }

    private static MVStore openStore(Path file) {
        // No auto-commit: the committer decides when a commit (and its fsync) happens.
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES)
                .open();
    }

    private void load() {
        try {
            int damaged = migrateLegacyPending();
            for (Map.Entry<String, String> entry : forwardedMap.entrySet()) {
                SpoolKey key = SpoolKey.decode(entry.getKey());
                if (key == null) {
                    damaged++;
                    continue;
                }
                index.computeIfAbsent(key, KeyState::new).forwardedDigest = entry.getValue();
            }
            List<String> toRemove = new ArrayList<>();
            for (Map.Entry<String, byte[]> entry : eventsMap.entrySet()) {
                SpoolRecord.Key parsed = SpoolRecord.parseKey(entry.getKey());
                if (parsed == null || !decodes(entry.getValue())) {
                    damaged++;
                    toRemove.add(entry.getKey());
                    continue;
                }
                KeyState state = index.computeIfAbsent(parsed.key(), KeyState::new);
                long seq = parsed.seq();
                if (state.count == 0) {
                    state.first = seq;
                    state.next = seq;
                }
                state.first = Math.min(state.first, seq);
                if (seq >= state.next) {
                    state.next = seq + 1;
                    state.latestDigest = SpoolRecord.digest(entry.getValue());
                }
                if (state.count++ == 0) {
                    keys++;
                }
                events++;
                bytes += SpoolRecord.jsonLength(entry.getValue());
            }
            toRemove.forEach(eventsMap::remove);
            if (damaged > 0) {
                LOG.warn("skipped {} damaged spool entries; the workers' next inventory restores them", damaged);
                metrics.spoolDamaged.add("", damaged);
            }
            if (store.hasUnsavedChanges()) {
                store.commit();
                store.sync();
            }
            publishCounts();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /** Whether a stored value has the spool's layout and its event decodes; the forwarder must not send junk. */
    private static boolean decodes(byte[] value) {
        try {
            return SpoolRecord.isWellFormed(value) && BatchCodec.decodeEvent(SpoolRecord.json(value)) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Moves the events of a spool written by an earlier agent (one {@code pending} entry per key holding the
     * key's whole history as a batch) into one entry per event, so an upgrade neither loses nor resends them.
     *
     * @return how many legacy entries did not decode
     */
    private int migrateLegacyPending() {
        if (!store.hasMap(LEGACY_PENDING_MAP)) {
            return 0;
        }
        MVMap<String, byte[]> legacy = store.openMap(LEGACY_PENDING_MAP);
        int damaged = 0;
        for (Map.Entry<String, byte[]> entry : legacy.entrySet()) {
            SpoolKey key = SpoolKey.decode(entry.getKey());
            List<MetadataEvent> batch;
            try {
                batch = key == null ? null : BatchCodec.decode(entry.getValue());
            } catch (RuntimeException e) {
                batch = null;
            }
            if (batch == null || batch.isEmpty()) {
                damaged++;
                continue;
            }
            String prefix = key.encode();
            long seq = 0;
            for (MetadataEvent event : batch) {
                Incoming incoming = prepare(event);
                eventsMap.put(SpoolRecord.storeKey(prefix, seq++), SpoolRecord.value(incoming.digest(), incoming.json()));
            }
        }
        store.removeMap(legacy);
        return damaged;
    }

    private static Incoming prepare(MetadataEvent event) {
        return new Incoming(SpoolKey.of(event), BatchCodec.encode(event), BatchCodec.stateDigest(event));
    }

    /**
     * Stores a batch durably. The future completes after the fsync that covers it, or fails with
     * {@link SpoolFullException} (nothing stored) or another exception (store failure, nothing promised).
     * Encoding and digests are computed here, on the caller's thread, to keep the single committer for
     * writing.
     */
    CompletableFuture<AppendResult> append(List<MetadataEvent> events) {
        List<Incoming> incoming = new ArrayList<>(events.size());
        try {
            for (MetadataEvent event : events) {
                incoming.add(prepare(event));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(true, () -> applyAppend(incoming));
    }

    /**
     * Up to {@code max} pending events, oldest key first and each key's events in order, read from the store;
     * fewer when more would make a batch longer than the wire contract allows.
     */
    CompletableFuture<List<Pending>> pending(int max) {
        return submit(false, () -> {
            List<Pending> batch = new ArrayList<>();
            long batchBytes = 2;
            for (Map.Entry<SpoolKey, KeyState> entry : index.entrySet()) {
                KeyState state = entry.getValue();
                for (long seq = state.first; state.count > 0 && seq < state.next; seq++) {
                    byte[] value = eventsMap.get(SpoolRecord.storeKey(state.prefix, seq));
                    if (value == null) {
                        continue;
                    }
                    int length = SpoolRecord.jsonLength(value);
                    if (batch.size() >= max
                            || !batch.isEmpty() && batchBytes + length + 1 > EventLimits.MAX_DOCUMENT_BYTES) {
                        return batch;
                    }
                    batch.add(new Pending(entry.getKey(), seq, SpoolRecord.json(value)));
                    batchBytes += length + 1;
                }
            }
            return batch;
        });
    }

    /** Deletes events the endpoint acknowledged (2xx) and remembers their states as forwarded. */
    CompletableFuture<Void> acknowledge(List<Pending> forwarded) {
        return submit(true, () -> {
            for (Pending sent : forwarded) {
                KeyState state = index.get(sent.key());
                // Gone already when newer states coalesced it away while it was being sent.
                byte[] removed = state == null || sent.seq() < state.first || sent.seq() >= state.next ? null
                        : eventsMap.remove(SpoolRecord.storeKey(state.prefix, sent.seq()));
                if (removed == null) {
                    continue;
                }
                removedOne(state, removed);
                if (state.count == 0) {
                    // Only the newest state matters for deduplication, and it is forwarded once the key is empty.
                    state.forwardedDigest = state.latestDigest;
                    state.latestDigest = null;
                    forwardedMap.put(state.prefix, state.forwardedDigest);
                } else if (sent.seq() == state.first) {
                    skipToOldest(state);
                }
            }
            return null;
        });
    }

    /**
     * Drops every pending event of the given clusters (deregistered) and forgets what was forwarded for
     * them, so a later registration starts afresh.
     *
     * @return the number of pending events dropped
     */
    CompletableFuture<Integer> dropClusters(Set<ClusterRef> clusters) {
        return submit(true, () -> {
            int dropped = 0;
            for (Iterator<Map.Entry<SpoolKey, KeyState>> it = index.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<SpoolKey, KeyState> entry = it.next();
                if (clusters.contains(entry.getKey().cluster())) {
                    KeyState state = entry.getValue();
                    dropped += state.count;
                    while (state.count > 0 && state.first < state.next) {
                        byte[] removed = eventsMap.remove(SpoolRecord.storeKey(state.prefix, state.first++));
                        if (removed != null) {
                            removedOne(state, removed);
                        }
                    }
                    forwardedMap.remove(state.prefix);
                    it.remove();
                }
            }
            metrics.droppedUnregistered.add("", dropped);
            return dropped;
        });
    }

    /** Keys with pending events. */
    int pendingKeys() {
        return pendingKeys;
    }

    /** Pending events. */
    int pendingEvents() {
        return pendingEvents;
    }

    /** Bytes of pending events (their encoded size). */
    long pendingBytes() {
        return pendingBytes;
    }

    /** The in-memory index, for tests that measure what the spool holds on the heap. */
    Object indexForTests() {
        return index;
    }

    /** Whether the spool takes writes: open, its committer alive and its last commit good. */
    boolean isWritable() {
        return accepting && healthy && committer.isAlive();
    }

    private AppendResult applyAppend(List<Incoming> incoming) {
        // Which events are new states, per key in arrival order (a state equal to the key's last one is not).
        Map<SpoolKey, List<Incoming>> added = new LinkedHashMap<>();
        Map<SpoolKey, String> last = new HashMap<>();
        long addedBytes = 0;
        int deduplicated = 0;
        for (Incoming event : incoming) {
            KeyState state = index.get(event.key());
            String lastDigest = last.containsKey(event.key()) ? last.get(event.key())
                    : state == null ? null : state.lastDigest();
            if (event.digest().equals(lastDigest)) {
                deduplicated++;
                continue;
            }
            last.put(event.key(), event.digest());
            added.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
            addedBytes += event.json().length;
        }
        if (bytes + addedBytes > settings.maxBytes()) {
            // Only near the limit: what the batch coalesces away counts too, so a key whose history is full can
            // always replace its oldest state; a batch that would grow a full spool is refused whole.
            long growth = addedBytes;
            for (Map.Entry<SpoolKey, List<Incoming>> entry : added.entrySet()) {
                growth -= coalescedBytes(index.get(entry.getKey()), entry.getValue());
            }
            if (growth > 0 && bytes + growth > settings.maxBytes()) {
                throw new SpoolFullException("the spool holds " + bytes + " of " + settings.maxBytes() + " bytes");
            }
        }
        int stored = 0;
        for (Map.Entry<SpoolKey, List<Incoming>> entry : added.entrySet()) {
            stored += entry.getValue().size();
            store(entry.getKey(), entry.getValue());
        }
        metrics.deduplicated.add("", deduplicated);
        return new AppendResult(stored, deduplicated);
    }

    /** Bytes of the entries that adding {@code added} to a key pushes out of its history. */
    private long coalescedBytes(KeyState state, List<Incoming> added) {
        int existing = state == null ? 0 : state.count;
        int excess = Math.max(0, existing + added.size() - settings.historySize());
        long freed = 0;
        for (long seq = state == null ? 0 : state.first; excess > 0 && existing > 0 && seq < state.next; seq++) {
            byte[] value = eventsMap.get(SpoolRecord.storeKey(state.prefix, seq));
            if (value != null) {
                freed += SpoolRecord.jsonLength(value);
                excess--;
                existing--;
            }
        }
        for (int i = 0; i < excess; i++) {
            freed += added.get(i).json().length;
        }
        return freed;
    }

    /**
     * Appends a key's new states as one entry each and removes the oldest beyond the history: O(1) store
     * writes per event, whatever the history size.
     */
    private void store(SpoolKey key, List<Incoming> added) {
        KeyState state = index.get(key);
        if (state == null) {
            state = new KeyState(key);
            index.put(key, state);
        } else if (state.count == 0) {
            // Re-insert so that keys are forwarded in the order they started waiting.
            index.remove(key);
            index.put(key, state);
        }
        int excess = Math.max(0, state.count + added.size() - settings.historySize());
        metrics.coalesced.add("", excess);
        while (excess > 0 && state.count > 0 && state.first < state.next) {
            byte[] removed = eventsMap.remove(SpoolRecord.storeKey(state.prefix, state.first++));
            if (removed != null) {
                removedOne(state, removed);
                excess--;
            }
        }
        for (Incoming event : added) {
            long seq = state.next++;
            if (excess > 0) {
                // Superseded within this very batch: never written.
                excess--;
                state.first = state.next;
                continue;
            }
            eventsMap.put(SpoolRecord.storeKey(state.prefix, seq), SpoolRecord.value(event.digest(), event.json()));
            if (state.count++ == 0) {
                state.first = seq;
                keys++;
            }
            events++;
            bytes += event.json().length;
        }
        state.latestDigest = added.get(added.size() - 1).digest();
    }

    private void removedOne(KeyState state, byte[] removed) {
        bytes -= SpoolRecord.jsonLength(removed);
        events--;
        if (--state.count == 0) {
            state.first = state.next;
            keys--;
        }
    }

    /** Moves {@code first} past entries that are gone (acknowledged out of order, or damaged at start). */
    private void skipToOldest(KeyState state) {
        state.first++;
        while (state.first < state.next && !eventsMap.containsKey(SpoolRecord.storeKey(state.prefix, state.first))) {
            state.first++;
        }
    }

    private void compact() {
        // Freed chunks become reusable after the retention time; rewriting sparse chunks keeps the file's
        // size near the live data. compact() commits; sync again so nothing is left unforced.
        store.getFileStore().dropUnusedChunks();
        store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES);
        store.sync();
    }

    private void recordCommitted() {
        try {
            marker.write(store.getCurrentVersion());
        } catch (IOException e) {
            // The commit itself is durable; only a later rollback would go unnoticed.
            if (!markerFailed) {
                LOG.warn("cannot write the spool's commit marker ({}); a truncated spool file would not be reported",
                        e.getMessage());
            }
            markerFailed = true;
        }
    }

    private void publishCounts() {
        pendingBytes = bytes;
        pendingEvents = events;
        pendingKeys = keys;
    }

    private <T> CompletableFuture<T> submit(boolean mutates, Callable<T> action) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(new IllegalStateException("the spool is closed"));
        } else {
            Task<T> task = new Task<>(mutates, action, future);
            if (!queue.offer(task)) {
                future.completeExceptionally(new SpoolFullException("the spool's commit queue is full"));
            } else if (!accepting && queue.remove(task)) {
                // close() began between the check and the offer; the committer may be gone: never leave a
                // caller waiting on a future nobody completes.
                future.completeExceptionally(new IllegalStateException("the spool is closed"));
            }
        }
        return future;
    }

    private void runCommitter() {
        List<Task<?>> tasks = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        while (accepting || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                tasks.add(first);
                queue.drainTo(tasks, MAX_TASKS_PER_COMMIT - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            boolean mutated = false;
            for (Task<?> task : tasks) {
                try {
                    results.add(task.action().call());
                    mutated |= task.mutates();
                } catch (Exception e) {
                    results.add(e);
                }
            }
            Exception commitFailure = null;
            if (mutated) {
                try {
                    store.commit();
                    store.sync();
                    if (++commits % COMPACT_EVERY_COMMITS == 0) {
                        compact();
                    }
                    recordCommitted();
                    publishCounts();
                } catch (RuntimeException e) {
                    healthy = false;
                    commitFailure = e;
                    LOG.error("spool commit failed; the spool stops taking writes", e);
                }
            }
            for (int i = 0; i < tasks.size(); i++) {
                Task<?> task = tasks.get(i);
                Object result = results.get(i);
                if (result instanceof Exception failure) {
                    task.future().completeExceptionally(failure);
                } else if (commitFailure != null && task.mutates()) {
                    task.future().completeExceptionally(commitFailure);
                } else {
                    task.complete(result);
                }
            }
            tasks.clear();
            results.clear();
            if (mutated && commitFailure == null) {
                onCommitted.run();
            }
        }
    }

    /** Applies every queued task, commits, and closes the store file. Idempotent. */
    @Override
    public void close() {
        if (!accepting) {
            return;
        }
        accepting = false;
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.forEach(task -> task.future().completeExceptionally(new IllegalStateException("the spool is closed")));
        store.close();
        try {
            marker.close();
        } catch (IOException e) {
            LOG.warn("cannot close the spool's commit marker: {}", e.getMessage());
        }
    }
}
