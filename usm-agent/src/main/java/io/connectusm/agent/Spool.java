package io.connectusm.agent;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.MetadataEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
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
 * <p><b>Durability and group commit.</b> Every operation is a task on a bounded queue, applied by one
 * committer thread, the only thread that touches the store. It takes every task waiting, applies them all,
 * then commits the MVStore once and forces the file to disk ({@code FileChannel.force}); only then does it
 * complete the tasks' futures. A 204 sent when {@link #append} completes therefore means the batch survives
 * {@code kill -9} and power loss, and one fsync covers every batch that arrived meanwhile.
 *
 * <p><b>Backpressure.</b> {@link #append} fails at once with {@link SpoolFullException} when the queue or the
 * byte limit is full; it never blocks the caller (a Netty event loop).
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

    /** One pending event with what the spool needs to know about it without decoding it again. */
    record Pending(SpoolKey key, MetadataEvent event, String digest, int bytes) {
    }

    /** The result of an append: how many events were stored and how many were already known. */
    record AppendResult(int stored, int deduplicated) {
    }

    private static final class KeyState {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        String forwardedDigest;

        String latestDigest() {
            return pending.isEmpty() ? forwardedDigest : pending.peekLast().digest();
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
    private final MVMap<String, byte[]> pendingMap;
    private final MVMap<String, String> forwardedMap;
    /** Only touched by the committer thread; iteration order is the forwarding order. */
    private final LinkedHashMap<SpoolKey, KeyState> index = new LinkedHashMap<>();
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
        this.pendingMap = store.openMap("pending");
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
        Files.createDirectories(settings.directory());
        Path file = settings.directory().resolve(FILE_NAME);
        CommitMarker marker = CommitMarker.open(settings.directory().resolve(CommitMarker.FILE_NAME));
        try {
            Spool spool = openOrReplace(settings, metrics, onCommitted, clock, file, marker);
            // From here on the marker follows this store, so a rollback is reported once, not at every start.
            marker.write(spool.store.getCurrentVersion());
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
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    }

    private void load() {
        try {
            int damaged = 0;
            for (Map.Entry<String, String> entry : forwardedMap.entrySet()) {
                SpoolKey key = SpoolKey.decode(entry.getKey());
                if (key == null) {
                    damaged++;
                    continue;
                }
                index.computeIfAbsent(key, k -> new KeyState()).forwardedDigest = entry.getValue();
            }
            List<String> toRemove = new ArrayList<>();
            for (Map.Entry<String, byte[]> entry : pendingMap.entrySet()) {
                SpoolKey key = SpoolKey.decode(entry.getKey());
                List<MetadataEvent> events;
                try {
                    events = key == null ? null : BatchCodec.decode(entry.getValue());
                } catch (RuntimeException e) {
                    events = null;
                }
                if (events == null || events.isEmpty()) {
                    damaged++;
                    toRemove.add(entry.getKey());
                    continue;
                }
                KeyState state = index.computeIfAbsent(key, k -> new KeyState());
                for (MetadataEvent event : events) {
                    state.pending.add(pending(key, event));
                }
            }
            toRemove.forEach(pendingMap::remove);
            if (damaged > 0) {
                LOG.warn("skipped {} damaged spool entries; the workers' next inventory restores them", damaged);
                metrics.spoolDamaged.add("", damaged);
                store.commit();
                store.sync();
            }
            recount();
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static Pending pending(SpoolKey key, MetadataEvent event) {
        return new Pending(key, event, BatchCodec.stateDigest(event), BatchCodec.encode(event).length);
    }

    /**
     * Stores a batch durably. The future completes after the fsync that covers it, or fails with
     * {@link SpoolFullException} (nothing stored) or another exception (store failure, nothing promised).
     */
    CompletableFuture<AppendResult> append(List<MetadataEvent> events) {
        if (pendingBytes >= settings.maxBytes()) {
            return CompletableFuture.failedFuture(new SpoolFullException("the spool holds its limit of "
                    + settings.maxBytes() + " bytes"));
        }
        return submit(true, () -> applyAppend(events));
    }

    /** Up to {@code max} pending events, oldest key first and each key's events in order. */
    CompletableFuture<List<Pending>> pending(int max) {
        return submit(false, () -> {
            List<Pending> batch = new ArrayList<>();
            for (KeyState state : index.values()) {
                for (Pending pending : state.pending) {
                    if (batch.size() >= max) {
                        return batch;
                    }
                    batch.add(pending);
                }
            }
            return batch;
        });
    }

    /** Deletes events the endpoint acknowledged (2xx) and remembers their states as forwarded. */
    CompletableFuture<Void> acknowledge(List<Pending> forwarded) {
        return submit(true, () -> {
            Set<SpoolKey> touched = new HashSet<>();
            for (Pending sent : forwarded) {
                KeyState state = index.get(sent.key());
                if (state != null && state.pending.removeIf(p -> p.event().id().equals(sent.event().id()))) {
                    state.forwardedDigest = sent.digest();
                    touched.add(sent.key());
                }
            }
            touched.forEach(key -> {
                persist(key, index.get(key));
                forwardedMap.put(key.encode(), index.get(key).forwardedDigest);
            });
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
                    dropped += entry.getValue().pending.size();
                    pendingMap.remove(entry.getKey().encode());
                    forwardedMap.remove(entry.getKey().encode());
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

    /** Whether the spool takes writes: open, its committer alive and its last commit good. */
    boolean isWritable() {
        return accepting && healthy && committer.isAlive();
    }

    private AppendResult applyAppend(List<MetadataEvent> events) {
        List<Pending> incoming = new ArrayList<>(events.size());
        long incomingBytes = 0;
        for (MetadataEvent event : events) {
            Pending pending = pending(SpoolKey.of(event), event);
            incoming.add(pending);
            incomingBytes += pending.bytes();
        }
        if (pendingBytes + incomingBytes > settings.maxBytes()) {
            throw new SpoolFullException("the spool holds " + pendingBytes + " of " + settings.maxBytes() + " bytes");
        }
        int stored = 0;
        int deduplicated = 0;
        Set<SpoolKey> touched = new HashSet<>();
        for (Pending pending : incoming) {
            KeyState state = index.get(pending.key());
            if (state == null) {
                state = new KeyState();
                index.put(pending.key(), state);
            } else if (state.pending.isEmpty()) {
                // Re-insert so that keys are forwarded in the order they started waiting.
                index.remove(pending.key());
                index.put(pending.key(), state);
            }
            if (pending.digest().equals(state.latestDigest())) {
                deduplicated++;
                continue;
            }
            state.pending.addLast(pending);
            stored++;
            while (state.pending.size() > settings.historySize()) {
                state.pending.removeFirst();
                metrics.coalesced.inc();
            }
            touched.add(pending.key());
        }
        touched.forEach(key -> persist(key, index.get(key)));
        metrics.deduplicated.add("", deduplicated);
        return new AppendResult(stored, deduplicated);
    }

    private void persist(SpoolKey key, KeyState state) {
        if (state.pending.isEmpty()) {
            pendingMap.remove(key.encode());
        } else {
            pendingMap.put(key.encode(), BatchCodec.encode(state.pending.stream().map(Pending::event).toList()));
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

    private void recount() {
        long bytes = 0;
        int keys = 0;
        int events = 0;
        for (KeyState state : index.values()) {
            if (!state.pending.isEmpty()) {
                keys++;
                events += state.pending.size();
                for (Pending pending : state.pending) {
                    bytes += pending.bytes();
                }
            }
        }
        pendingBytes = bytes;
        pendingKeys = keys;
        pendingEvents = events;
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
                    recount();
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
