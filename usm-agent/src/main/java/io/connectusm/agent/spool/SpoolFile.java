package io.connectusm.agent.spool;

import io.connectusm.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's files: the {@link EntryLog} of pending events ({@code entries-<n>.log}), and the H2 MVStore
 * {@value #FILE_NAME} with what is small and rarely written — the spool keys' numbers ({@link #keys()}) and, per key,
 * the state last acknowledged ({@link #forwarded()}) — opened with auto-commit off; and everything about them.
 *
 * <p><b>Open and recover.</b> The log recovers itself (see {@link EntryLog}); this class compares where it ends with
 * the {@link CommitMarker} written after every commit and, when it went back (a truncated or damaged segment), counts
 * it and logs one warning. A store file that cannot be opened or loaded at all is moved aside
 * ({@code spool.mv.db.damaged-<millis>}) and a new one started: the workers' next inventory and snapshots refill
 * the spool, which beats a crash loop. Entries of earlier layouts in the store move into the log
 * ({@link EntriesMigration}).
 *
 * <p><b>Commit.</b> {@link #commit()}: the store only when the group changed it (a new key, an acknowledgement),
 * committed and forced <em>before</em> the log, so a stored entry never names a key number that is not durable; then
 * the log's write and {@code force}. Key numbers a group gave up ({@link #removeKeyAfterCommit}) leave the store only
 * after the log's REMOVEs are durable, so a crash between the two never lets a later key reuse the number of entries
 * still on disk. {@link #recordCommitted()} then records the log's end in the marker, after the group's futures
 * completed.
 *
 * <p><b>Compaction.</b> {@link #compactStep}, which the committer runs between groups when no task waits
 * ({@link GroupCommitter.Housekeeping}): the log's oldest segment first ({@link EntryLog#compactStep}); then, rarely,
 * the store's sparse chunks: every {@value #COMPACT_EVERY_COMMITS} store commits, but not more often than every
 * {@value #COMPACT_INTERVAL_MILLIS} ms, up to {@value #COMPACT_WRITE_BYTES} bytes in steps of
 * {@value #COMPACT_STEP_BYTES}. Either runs one step between two groups when it found no idle moment for
 * {@value #COMPACT_OVERDUE_MILLIS} ms (a queue that never empties), so the files cannot grow without bound under a
 * constant load.
 *
 * <p>Not thread-safe: after {@link #open} only the spool's committer thread touches it. Lifecycle: {@link #open},
 * {@link #commit()} per group, {@link #close()}.
 */
final class SpoolFile implements AutoCloseable {

    /** The MVStore file name inside the spool directory. */
    static final String FILE_NAME = "spool.mv.db";
    /** Pending events of the layout before the log (entry number → {@link SpoolRecord}), moved into it at open. */
    static final String ENTRIES_MAP = "entries";
    /** Spool keys by number. */
    static final String KEYS_MAP = "keys";
    /** Pending events in the layout before {@value #ENTRIES_MAP}, keyed by strings. */
    static final String EVENTS_MAP = "events";

    private static final Logger LOG = LoggerFactory.getLogger(SpoolFile.class);
    private static final int COMPACT_EVERY_COMMITS = 64;
    /**
     * Each compaction rewrites up to {@value #COMPACT_WRITE_BYTES} bytes however small the commits were: with one
     * event per commit (one worker posting single changes) compacting every 64 commits spent a third of the committer's
     * CPU rewriting 4 MB for every ~0.2 MB written. A floor in time keeps that in proportion; large commits reach 64
     * well after it anyway.
     */
    private static final long COMPACT_INTERVAL_MILLIS = 500;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;
    /**
     * What one step of a round rewrites at most. A whole round (4 MB) took 1-16 ms on the committer with the spool on
     * tmpfs under load; the tasks that arrive meanwhile wait for one step only.
     */
    private static final int COMPACT_STEP_BYTES = 256 << 10;
    /** How long a due round waits for an idle committer before its steps run between groups anyway. */
    private static final long COMPACT_OVERDUE_MILLIS = 2_000;
    /**
     * How long a chunk without live data is kept before its space is reused. MVStore's default (45 s) guards
     * against disks that have not flushed yet; every commit here is followed by an fsync, so a short retention is
     * safe and keeps the file from growing with the commit rate.
     */
    private static final int RETENTION_MILLIS = 1000;
    /**
     * B-tree leaf size at which MVStore splits a page. Each commit rewrites every leaf it touched; the maps left here
     * hold short strings, and small leaves keep an acknowledgement's commit small.
     */
    private static final int PAGE_SPLIT_BYTES = 8 * 1024;

    /** A file opened with what its loader made of it. */
    record Opened<T>(SpoolFile file, T content) {
    }

    private final MVStore store;
    private final EntryLog log;
    private final CommitMarker marker;
    private final MVMap<Long, String> keys;
    private final MVMap<String, String> forwarded;
    private final Clock clock;
    private long commitsSinceCompaction;
    private long compactedAt;
    /** Bytes the current compaction round may still rewrite; 0 between rounds. */
    private long compactBudget;
    /** Whether writing the commit marker failed already, so it is logged once. */
    private boolean markerFailed;
    /** Key numbers to remove from the store once the log's commit made their entries' REMOVEs durable. */
    private final List<Long> keysToRemove = new ArrayList<>();
    /** Entries of earlier layouts that did not decode when they were moved into the log at open. */
    private int migrationDamaged;

    private SpoolFile(MVStore store, EntryLog log, CommitMarker marker, Clock clock) {
        this.store = store;
        this.log = log;
        this.marker = marker;
        this.clock = clock;
        this.compactedAt = clock.millis();
        log.beforeWrite(this::commitStore);
        this.keys = store.openMap(KEYS_MAP, new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
        this.forwarded = store.openMap("forwarded");
        store.setRetentionTime(RETENTION_MILLIS);
    }

    /**
     * Opens (or creates) the log and the store in {@code directory}, moves earlier layouts' entries into the log and
     * hands the files to {@code loader}, which reads what it needs (the spool's index) and throws a
     * {@link RuntimeException} when the store's content is beyond use; then the store file is moved aside and a new
     * one loaded. What the loader changed is committed before this returns.
     */
    static <T> Opened<T> open(Path directory, SpoolMetrics metrics, Clock clock, Function<SpoolFile, T> loader)
            throws IOException {
        return open(directory, EntryLog.DEFAULT_SEGMENT_BYTES, metrics, clock, loader);
    }

    /** {@link #open(Path, SpoolMetrics, Clock, Function)} with log segments of {@code segmentBytes} (tests). */
    static <T> Opened<T> open(Path directory, int segmentBytes, SpoolMetrics metrics, Clock clock,
            Function<SpoolFile, T> loader) throws IOException {
        OwnerOnlyFiles.directory(directory);
        CommitMarker marker = CommitMarker.open(directory.resolve(CommitMarker.FILE_NAME));
        EntryLog log = null;
        try {
            long committed = marker.read();
            log = EntryLog.open(directory, segmentBytes, clock, metrics);
            reportRollback(directory, log, committed, metrics);
            Opened<T> opened = openOrReplace(directory.resolve(FILE_NAME), log, marker, metrics, clock, loader);
            // From here on the marker follows this log, so a rollback is reported once, not at every start.
            marker.write(log.committedPosition());
            // The marker of agents before the log held the store's version: meaningless now.
            Files.deleteIfExists(directory.resolve(CommitMarker.PREVIOUS_FILE_NAME));
            // The spool holds every event the workers sent: owner-only, whatever the umask.
            OwnerOnlyFiles.filesIn(directory);
            return opened;
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.closeWithoutCommit();
            }
            marker.close();
            throw e;
        }
    }

    private static <T> Opened<T> openOrReplace(Path path, EntryLog log, CommitMarker marker, SpoolMetrics metrics,
            Clock clock, Function<SpoolFile, T> loader) throws IOException {
        try {
            return new SpoolFile(openStore(path), log, marker, clock).load(loader);
        } catch (RuntimeException damaged) {
            // Beyond what MVStore recovers by itself (it already falls back to the last good chunk after a torn
            // write). Keep the file for inspection and start empty.
            Path aside = path.resolveSibling(FILE_NAME + ".damaged-" + clock.millis());
            LOG.warn("spool file {} cannot be read ({}); moved to {} and starting empty", path,
                    damaged.getClass().getSimpleName(), aside);
            metrics.damaged.inc();
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            return new SpoolFile(openStore(path), log, marker, clock).load(loader);
        }
    }

    private static MVStore openStore(Path path) {
        // No auto-commit: the committer decides when a commit (and its fsync) happens.
        return new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES)
                .open();
    }

    private <T> Opened<T> load(Function<SpoolFile, T> loader) {
        try {
            migrationDamaged = EntriesMigration.run(store, keys, log);
            T content = loader.apply(this);
            commit();
            return new Opened<>(this, content);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Counts and logs, once, a log that opened at an earlier end than the last one committed: a segment was truncated
     * or damaged, and events answered 204 after that point are gone from here. The workers' periodic inventory and
     * resync snapshots bring the endpoint's state back; there is nothing to do by hand, but it must not go unnoticed.
     */
    private static void reportRollback(Path directory, EntryLog log, long committed, SpoolMetrics metrics) {
        long opened = log.committedPosition();
        if (committed != CommitMarker.UNKNOWN && opened < committed) {
            metrics.recovered.inc();
            LOG.warn("spool log in {} was truncated or damaged: it ends at segment {} byte {} but segment {} byte {} "
                    + "had been committed, so events acknowledged after that may be lost here; the workers' next "
                    + "inventory and resync snapshots restore their state at the endpoint", directory, opened >>> 32,
                    opened & 0xFFFF_FFFFL, committed >>> 32, committed & 0xFFFF_FFFFL);
        }
    }

    /** One entry per pending event, under its entry number; see {@link SpoolRecord}. */
    EntryLog entries() {
        return log;
    }

    /** Entries of earlier layouts that did not decode when they moved into the log at open (dropped). */
    int migrationDamaged() {
        return migrationDamaged;
    }

    /**
     * Removes the key {@code number} from {@link #keys()} once the commit under way made the log durable: before
     * that, entries naming it may still be on disk.
     */
    void removeKeyAfterCommit(int number) {
        keysToRemove.add((long) number);
    }

    /** The number of each spool key that has (or had) entries → its {@link SpoolKey#encode()}. */
    MVMap<Long, String> keys() {
        return keys;
    }

    /** Per spool key, the digest of the state last acknowledged by the endpoint. */
    MVMap<String, String> forwarded() {
        return forwarded;
    }

    /**
     * Makes the group durable: the store first when it has changes (committed and forced), then the log (written and
     * forced), then the key numbers the group gave up leave the store (committed with its next commit: a lost removal
     * is harmless). The committer records the log's end in the marker ({@link #recordCommitted()}) after the group's
     * futures completed: the marker is no part of what a 204 promises, so no waiting batch waits for its write.
     *
     * @throws RuntimeException when a file cannot be written: nothing of this commit is promised
     */
    void commit() {
        commitStore();
        log.commit();
        if (!keysToRemove.isEmpty()) {
            keysToRemove.forEach(keys::remove);
            keysToRemove.clear();
        }
    }

    /** Commits and forces the store if it has changes; before every write of the log ({@link EntryLog#beforeWrite}). */
    private void commitStore() {
        if (store.hasUnsavedChanges()) {
            store.commit();
            store.sync();
            commitsSinceCompaction++;
        }
    }

    /**
     * Runs one step of compaction: the log's ({@link EntryLog#compactStep}) while it has one to run, else the
     * store's.
     *
     * @param idle whether no task waits for the committer
     * @return whether more is to be done now
     * @throws RuntimeException when a file cannot be written
     */
    boolean compactStep(boolean idle) {
        long before = log.committedPosition();
        boolean more = log.compactStep(idle);
        if (log.committedPosition() != before) {
            recordCommitted();
        }
        return more || compactStoreStep(idle);
    }

    /**
     * Runs one step of the store's compaction if a round is under way or due (with {@code idle} false: only if it is
     * overdue): rewrites up to {@value #COMPACT_STEP_BYTES} of sparse chunks, commits and forces that. Freed chunks
     * become reusable after the retention time; rewriting sparse chunks keeps the file's size near the live data.
     */
    private boolean compactStoreStep(boolean idle) {
        if (compactBudget == 0) {
            long sinceLast = clock.millis() - compactedAt;
            if (commitsSinceCompaction < COMPACT_EVERY_COMMITS || sinceLast < COMPACT_INTERVAL_MILLIS
                    || !idle && sinceLast < COMPACT_OVERDUE_MILLIS) {
                return false;
            }
            compactBudget = COMPACT_WRITE_BYTES;
            commitsSinceCompaction = 0;
            store.getFileStore().dropUnusedChunks();
        } else if (!idle && clock.millis() - compactedAt < COMPACT_OVERDUE_MILLIS) {
            return false;
        }
        // compact() commits what it rewrote; force it like any commit.
        boolean rewrote = store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_STEP_BYTES);
        if (rewrote) {
            store.sync();
        }
        compactBudget = rewrote ? Math.max(0, compactBudget - COMPACT_STEP_BYTES) : 0;
        if (compactBudget == 0) {
            compactedAt = clock.millis();
        }
        return compactBudget > 0;
    }

    /**
     * Records the log's end as of its last force in the {@link CommitMarker}; after each {@link #commit()}. Written
     * later than the fsync it follows, the marker is never ahead of the log; a crash in between leaves it one commit
     * behind, which at worst hides the loss of that one commit (as after a power loss, see {@link CommitMarker}).
     */
    void recordCommitted() {
        try {
            marker.write(log.committedPosition());
        } catch (IOException e) {
            // The commit itself is durable; only a later rollback would go unnoticed.
            if (!markerFailed) {
                LOG.warn("cannot write the spool's commit marker ({}); a truncated spool file would not be reported",
                        e.getMessage());
            }
            markerFailed = true;
        }
    }

    /** Commits what is left and closes the files and the marker. */
    @Override
    public void close() {
        try {
            commit();
            recordCommitted();
        } finally {
            log.closeWithoutCommit();
            store.close();
        }
        try {
            marker.close();
        } catch (IOException e) {
            LOG.warn("cannot close the spool's commit marker: {}", e.getMessage());
        }
    }
}
