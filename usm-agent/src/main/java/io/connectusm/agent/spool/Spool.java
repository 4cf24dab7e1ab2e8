package io.connectusm.agent.spool;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.ScannedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The durable spool: events accepted from workers and not yet acknowledged by the endpoint, in an append-only log of
 * segment files ({@code entries-<n>.log}, {@link EntryLog}; key numbers and forwarded states in the H2 MVStore
 * {@value #FILE_NAME}), coalesced per {@link SpoolKey} to a bounded history of transitions, so its size follows the
 * number of connectors, not the number of events. This is where an event becomes durable.
 *
 * <p>A façade over one class per job: the files ({@link SpoolFile}, {@link EntryLog}: open, recover, commit + fsync,
 * compaction), the one writer
 * thread and its group commit ({@link GroupCommitter}), the in-memory index with coalescing, deduplication and the
 * byte limit ({@link SpoolIndex}), and the migration of earlier layouts ({@link EntriesMigration}).
 *
 * <p><b>Durability.</b> A future returned by {@link #append} completes after the fsync that covers the batch: a
 * 204 sent then survives {@code kill -9} and power loss. <b>Backpressure.</b> {@link #append} fails with
 * {@link SpoolFullException} when the commit queue is full or the batch would leave more than
 * {@code spool.max.bytes} pending after coalescing; it never blocks the caller (a Netty event loop).
 *
 * <p>Thread-safe: public methods only enqueue (each event's store value is laid out on the caller's thread, so the
 * committer only writes). Lifecycle: {@link #open}, use, {@link #close()} (applies what is queued, commits,
 * closes the file).
 */
public final class Spool implements AutoCloseable {

    /** The MVStore file's name inside the spool directory (key numbers, forwarded states; events are in the log). */
    public static final String FILE_NAME = SpoolFile.FILE_NAME;

    private final SpoolFile file;
    private final SpoolIndex index;
    private final GroupCommitter committer;
    private volatile boolean open = true;
    /** The index's counts as of the last commit (the index itself is the committer's). */
    private volatile long pendingBytes;
    private volatile int pendingKeys;
    private volatile int pendingEvents;

    private Spool(SpoolFile file, SpoolIndex index, int queueCapacity, Runnable onCommitted) {
        this.file = file;
        this.index = index;
        this.committer = new GroupCommitter(queueCapacity, () -> {
            file.commit();
            publishCounts();
        }, () -> {
            // After the group's futures completed: the marker only detects rollbacks, no 204 waits for it.
            file.recordCommitted();
            onCommitted.run();
        }, file::compactStep);
    }

    /**
     * Opens (or creates) the spool in {@code settings.directory()} and starts its committer thread.
     *
     * @param onCommitted run on the committer thread after each commit that changed something (wakes the
     *                    forwarder); must not block
     */
    public static Spool open(SpoolSettings settings, SpoolMetrics metrics, Runnable onCommitted, Clock clock)
            throws IOException {
        SpoolFile.Opened<SpoolIndex> opened = SpoolFile.open(settings.directory(), metrics, clock,
                file -> SpoolIndex.load(file, settings, metrics));
        Spool spool = new Spool(opened.file(), opened.content(), settings.queueCapacity(), onCommitted);
        spool.publishCounts();
        spool.committer.start();
        return spool;
    }

    /**
     * Stores a batch durably: each event as the bytes it was scanned from, with its state digest. The future
     * completes after the fsync that covers it, or fails with {@link SpoolFullException} (nothing stored) or another
     * exception (store failure, nothing promised).
     */
    public CompletableFuture<AppendResult> append(List<ScannedEvent> events) {
        List<IncomingEvent> incoming = new ArrayList<>(events.size());
        for (ScannedEvent event : events) {
            incoming.add(IncomingEvent.of(event));
        }
        return committer.submit(true, () -> index.append(incoming));
    }

    /**
     * Up to {@code max} pending events, oldest key first and each key's events in order, read from the log;
     * fewer when more would make a batch longer than the wire contract allows.
     */
    public CompletableFuture<List<PendingEvent>> pending(int max) {
        return committer.submit(false, () -> index.pending(max));
    }

    /** Deletes events the endpoint acknowledged (2xx) and remembers their states as forwarded. */
    public CompletableFuture<Void> acknowledge(List<PendingEvent> forwarded) {
        return committer.submit(true, () -> {
            index.acknowledge(forwarded);
            return null;
        });
    }

    /**
     * Drops every pending event of the given clusters (deregistered) and forgets what was forwarded for them, so
     * a later registration starts afresh.
     *
     * @return the number of pending events dropped
     */
    public CompletableFuture<Integer> dropClusters(Set<ClusterRef> clusters) {
        return committer.submit(true, () -> index.dropClusters(clusters));
    }

    /** Keys with pending events. */
    public int pendingKeys() {
        return pendingKeys;
    }

    /** Pending events. */
    public int pendingEvents() {
        return pendingEvents;
    }

    /** Bytes of pending events (their encoded size). */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Whether the spool takes writes: open, its committer alive and its last commit good. */
    public boolean isWritable() {
        return open && committer.isWritable();
    }

    /** The in-memory index, for tests that measure what the spool holds on the heap. */
    Object indexForTests() {
        return index.heapForTests();
    }

    /** Where the log's entries are, for tests that measure what the spool holds on the heap. */
    Object entryLocationsForTests() {
        return file.entries().heapForTests();
    }

    /**
     * The bytes of a spool directory's files (the log's segments, the store, the marker), for operators and
     * benchmarks: what the spool takes on disk.
     */
    public static long diskBytes(Path directory) throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    bytes += Files.size(file);
                }
            }
        }
        return bytes;
    }

    private void publishCounts() {
        pendingBytes = index.pendingBytes();
        pendingEvents = index.pendingEvents();
        pendingKeys = index.pendingKeys();
    }

    /** Applies every queued task, commits, and closes the files. Idempotent. */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        committer.close();
        file.close();
    }
}
