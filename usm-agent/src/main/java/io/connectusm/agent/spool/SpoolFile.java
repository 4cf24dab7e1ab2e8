package io.connectusm.agent.spool;

import io.connectusm.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.function.Function;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's store file, {@value #FILE_NAME}: an H2 MVStore with auto-commit off, opened with the spool's tuning,
 * and everything about the file itself.
 *
 * <p><b>Open and recover.</b> MVStore opens a truncated or torn file at its last intact chunk, silently; this
 * class compares the version it opened at with the {@link CommitMarker} written after every commit and, when the
 * store went back, counts it and logs one warning. A file that cannot be opened or loaded at all is moved aside
 * ({@code spool.mv.db.damaged-<millis>}) and a new one started: the workers' next inventory and snapshots refill
 * the spool, which beats a crash loop.
 *
 * <p><b>Commit.</b> {@link #commit()} writes one chunk and forces the file to disk ({@code FileChannel.force});
 * nothing else, since every task of the group waits for it. {@link #recordCommitted()} then records the version in
 * the marker, after the group's futures completed.
 *
 * <p><b>Compaction.</b> Rewriting sparse chunks is {@link #compactStep}, which the committer runs between groups when
 * no task waits ({@link GroupCommitter.Housekeeping}): every {@value #COMPACT_EVERY_COMMITS} commits, but not more
 * often than every {@value #COMPACT_INTERVAL_MILLIS} ms, a round rewrites up to {@value #COMPACT_WRITE_BYTES} bytes
 * in steps of {@value #COMPACT_STEP_BYTES}, each its own commit and fsync. A task that arrives during a step waits
 * for that step only. A round that found no idle moment for {@value #COMPACT_OVERDUE_MILLIS} ms (a queue that never
 * empties) runs one step between two groups, so the file cannot grow without bound under a constant load.
 *
 * <p>Not thread-safe: after {@link #open} only the spool's committer thread touches it. Lifecycle: {@link #open},
 * {@link #commit()} per group, {@link #close()}.
 */
final class SpoolFile implements AutoCloseable {

    /** The MVStore file name inside the spool directory. */
    static final String FILE_NAME = "spool.mv.db";
    /** Pending events: numeric store key → digest and JSON. */
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
     * B-tree leaf size at which MVStore splits a page. Each commit rewrites every leaf it touched; with one entry
     * per event (~2.4 KB) MVStore's 48 KB default rewrites ~20 events to store one, 8 KB a few. Measured with the
     * ingest harness (1,000 connectors, 16 clients x 50 events): 8 KB wrote 112 MB/s of disk and kept a 139 MiB
     * file where 48 KB wrote 293 MB/s and kept 468 MiB, and took ~20 % more events per second.
     */
    private static final int PAGE_SPLIT_BYTES = 8 * 1024;

    /** A file opened with what its loader made of it. */
    record Opened<T>(SpoolFile file, T content) {
    }

    private final MVStore store;
    private final CommitMarker marker;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<Long, String> keys;
    private final MVMap<String, String> forwarded;
    private final Clock clock;
    private long commitsSinceCompaction;
    private long compactedAt;
    /** Bytes the current compaction round may still rewrite; 0 between rounds. */
    private long compactBudget;
    /** Whether writing the commit marker failed already, so it is logged once. */
    private boolean markerFailed;

    private SpoolFile(MVStore store, CommitMarker marker, Clock clock) {
        this.store = store;
        this.marker = marker;
        this.clock = clock;
        this.compactedAt = clock.millis();
        this.entries = store.openMap(ENTRIES_MAP, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
        this.keys = store.openMap(KEYS_MAP, new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
        this.forwarded = store.openMap("forwarded");
        store.setRetentionTime(RETENTION_MILLIS);
    }

    /**
     * Opens (or creates) the store in {@code directory} and hands it to {@code loader}, which reads what it needs
     * (the spool's index) and throws a {@link RuntimeException} when the content is beyond use; then the file is
     * moved aside and a new one loaded. What the loader changed is committed before this returns.
     */
    static <T> Opened<T> open(Path directory, SpoolMetrics metrics, Clock clock, Function<SpoolFile, T> loader)
            throws IOException {
        OwnerOnlyFiles.directory(directory);
        Path path = directory.resolve(FILE_NAME);
        CommitMarker marker = CommitMarker.open(directory.resolve(CommitMarker.FILE_NAME));
        try {
            Opened<T> opened = openOrReplace(path, marker, metrics, clock, loader);
            // From here on the marker follows this store, so a rollback is reported once, not at every start.
            marker.write(opened.file().store.getCurrentVersion());
            // The spool holds every event the workers sent: owner-only, whatever the umask.
            OwnerOnlyFiles.filesIn(directory);
            return opened;
        } catch (IOException | RuntimeException e) {
            marker.close();
            throw e;
        }
    }

    private static <T> Opened<T> openOrReplace(Path path, CommitMarker marker, SpoolMetrics metrics, Clock clock,
            Function<SpoolFile, T> loader) throws IOException {
        long committed = marker.read();
        try {
            SpoolFile file = new SpoolFile(openStore(path), marker, clock);
            file.reportRollback(path, committed, metrics);
            return file.load(loader);
        } catch (RuntimeException damaged) {
            // Beyond what MVStore recovers by itself (it already falls back to the last good chunk after a torn
            // write). Keep the file for inspection and start empty.
            Path aside = path.resolveSibling(FILE_NAME + ".damaged-" + clock.millis());
            LOG.warn("spool file {} cannot be read ({}); moved to {} and starting empty", path,
                    damaged.getClass().getSimpleName(), aside);
            metrics.damaged.inc();
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            return new SpoolFile(openStore(path), marker, clock).load(loader);
        }
    }

    private static MVStore openStore(Path path) {
        // No auto-commit: the committer decides when a commit (and its fsync) happens.
        return new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES)
                .open();
    }

    private <T> Opened<T> load(Function<SpoolFile, T> loader) {
        try {
            T content = loader.apply(this);
            if (store.hasUnsavedChanges()) {
                store.commit();
                store.sync();
            }
            return new Opened<>(this, content);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Counts and logs, once, a store that opened at an older version than the last one committed: MVStore fell
     * back to its last intact chunk (a truncated file, a torn write), and events answered 204 after that version
     * are gone from here. The workers' periodic inventory and resync snapshots bring the endpoint's state back;
     * there is nothing to do by hand, but it must not go unnoticed.
     */
    private void reportRollback(Path path, long committed, SpoolMetrics metrics) {
        long opened = store.getCurrentVersion();
        if (committed != CommitMarker.UNKNOWN && opened < committed) {
            metrics.recovered.inc();
            LOG.warn("spool file {} was truncated or damaged: it opened at commit {} but commit {} had been written, so "
                    + "events acknowledged after commit {} may be lost here; the workers' next inventory and resync "
                    + "snapshots restore their state at the endpoint", path, opened, committed, opened);
        }
    }

    /** One entry per pending event, under its key's number and its sequence number; see {@link SpoolRecord}. */
    MVMap<Long, byte[]> entries() {
        return entries;
    }

    /** The number of each spool key that has (or had) entries → its {@link SpoolKey#encode()}. */
    MVMap<Long, String> keys() {
        return keys;
    }

    /**
     * The entries of the layout before this one ({@value #EVENTS_MAP}: string store keys), which the index moves into
     * {@link #entries()}; {@code null} when there is nothing to move (from that layout, or from the one before it,
     * which {@link LegacyMigration} first turns into it).
     */
    MVMap<String, byte[]> previousLayout() {
        return store.hasMap(EVENTS_MAP) || store.hasMap(LegacyMigration.LEGACY_PENDING_MAP) ? store.openMap(EVENTS_MAP)
                : null;
    }

    /** Per spool key, the digest of the state last acknowledged by the endpoint. */
    MVMap<String, String> forwarded() {
        return forwarded;
    }

    /** The store itself, for {@link LegacyMigration} (maps of earlier layouts). */
    MVStore store() {
        return store;
    }

    /**
     * Commits every change since the last commit and forces it to disk. The committer records the version in the
     * marker ({@link #recordCommitted()}) after the group's futures completed: the marker is no part of what a 204
     * promises, so no waiting batch waits for its write.
     *
     * @throws RuntimeException when the store cannot write: nothing of this commit is promised
     */
    void commit() {
        store.commit();
        store.sync();
        commitsSinceCompaction++;
    }

    /**
     * Runs one step of compaction if a round is under way or due (with {@code idle} false: only if it is overdue):
     * rewrites up to {@value #COMPACT_STEP_BYTES} of sparse chunks, commits and forces that. Freed chunks become
     * reusable after the retention time; rewriting sparse chunks keeps the file's size near the live data.
     *
     * @param idle whether no task waits for the committer
     * @return whether the round has more to rewrite
     * @throws RuntimeException when the store cannot write
     */
    boolean compactStep(boolean idle) {
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
            recordCommitted();
        }
        compactBudget = rewrote ? Math.max(0, compactBudget - COMPACT_STEP_BYTES) : 0;
        if (compactBudget == 0) {
            compactedAt = clock.millis();
        }
        return compactBudget > 0;
    }

    /**
     * Records the version committed last in the {@link CommitMarker}; after each {@link #commit()}. Written later than
     * the fsync it follows, the marker is never ahead of the store; a crash in between leaves it one commit behind,
     * which at worst hides the loss of that one commit (as after a power loss, see {@link CommitMarker}).
     */
    void recordCommitted() {
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

    /** Commits what is left and closes the file and the marker. */
    @Override
    public void close() {
        store.close();
        try {
            marker.close();
        } catch (IOException e) {
            LOG.warn("cannot close the spool's commit marker: {}", e.getMessage());
        }
    }
}
