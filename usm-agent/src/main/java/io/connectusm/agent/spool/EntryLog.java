package io.connectusm.agent.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's pending events: an append-only log of PUT(entry number, value) and REMOVE(entry number) records in
 * segment files ({@link LogSegment}, framing in {@link LogRecords}), and in memory only where each live entry's PUT is
 * ({@link EntryLocations}). An event is written once and removed once, which is what a queue needs: no B-tree pages
 * rewritten per commit, no chunk compaction.
 *
 * <p><b>Group commit.</b> {@link #put} and {@link #remove} append to one reused direct buffer; {@link #commit()}
 * writes it with one positional write (more only past {@value #FLUSH_BYTES} bytes) and forces the head segment
 * ({@code force(false)}): what a 204 waits for.
 *
 * <p><b>Segments.</b> A new segment starts once the head holds {@link #DEFAULT_SEGMENT_BYTES} (16 MB): small enough
 * that the space of a drained segment comes back soon and the disk bound's slack (two segments) stays small next to a
 * spool's limit, large enough that a roll (two fsyncs and a directory fsync) happens every few seconds at most at the
 * agent's highest rates. The previous head is forced before the next is created.
 *
 * <p><b>Compaction</b> ({@link #compactStep}, the committer's housekeeping) only ever takes the <em>oldest</em>
 * segment: when at most half of it is live, or when the whole log exceeds twice the live bytes plus two segments. It
 * copies the segment's live PUTs verbatim (their CRC covers no position) to the head in steps of
 * {@value #COMPACT_STEP_BYTES} bytes, forces them, then deletes the segment: its REMOVEs go with it, since a REMOVE
 * only ever kills a PUT written before it, in the same or an older segment, and there is none older. So the disk holds
 * at most about twice the live bytes plus two segments under any steady load; in a queue the oldest segment is mostly
 * dead by the time it is the oldest, and compaction copies little.
 *
 * <p><b>Recovery</b> ({@link #open}): every segment is read in order, its records applied; the last segment's tail
 * from the first record that is cut short or fails its CRC is truncated (a write the crash tore, never promised); a
 * bad record in any other segment is damage: counted, one warning naming the file, the rest of that segment skipped.
 *
 * <p>Not thread-safe: after {@link #open} only the spool's committer thread uses it. Lifecycle: {@link #open},
 * {@link #put}/{@link #remove}/{@link #get} and {@link #commit()} per group, {@link #close()}.
 */
final class EntryLog implements AutoCloseable {

    static final int DEFAULT_SEGMENT_BYTES = 16 << 20;
    /** Appended bytes above which the buffer is written before the commit: one group's memory stays bounded. */
    static final int FLUSH_BYTES = 1 << 20;
    static final int COMPACT_STEP_BYTES = 256 << 10;
    /** How long a due compaction waits for an idle committer before its steps run between groups anyway. */
    static final long COMPACT_OVERDUE_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(EntryLog.class);

    private final Path directory;
    private final int segmentBytes;
    private final Clock clock;
    /** Oldest first; the last one is the head. Numbers ascend (gaps only where files went missing). */
    private final List<LogSegment> segments = new ArrayList<>();
    private final EntryLocations locations = new EntryLocations();
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(FLUSH_BYTES + (64 << 10));
    private LogSegment head;
    private long highest;
    private long liveBytes;
    private boolean dirty;
    /** {@link #position()} as of the last force. */
    private long committed;

    /** Run before any byte is written to a segment; see {@link #beforeWrite}. */
    private Runnable beforeWrite = () -> { };

    private LogSegment compacting;
    private long[] toCopy;
    private int copied;
    /** When compaction became due, -1 when it is not. */
    private long dueSince = -1;

    private EntryLog(Path directory, int segmentBytes, Clock clock) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.clock = clock;
    }

    /**
     * Opens the log in {@code directory}, recovering it as the class comment says; creates the first segment of a new
     * one.
     */
    static EntryLog open(Path directory, int segmentBytes, Clock clock, SpoolMetrics metrics) throws IOException {
        EntryLog log = new EntryLog(directory, segmentBytes, clock);
        try {
            log.recover(metrics);
        } catch (IOException | RuntimeException e) {
            log.closeWithoutCommit();
            throw e;
        }
        return log;
    }

    private void recover(SpoolMetrics metrics) throws IOException {
        List<Integer> numbers;
        try (Stream<Path> files = Files.list(directory)) {
            numbers = files.map(path -> LogSegment.numberOf(path.getFileName().toString())).filter(n -> n > 0)
                    .sorted().toList();
        }
        SegmentScanner scanner = new SegmentScanner();
        for (int i = 0; i < numbers.size(); i++) {
            LogSegment segment = LogSegment.open(directory, numbers.get(i));
            segments.add(segment);
            boolean last = i == numbers.size() - 1;
            if (!scanner.hasHeader(segment)) {
                if (last) {
                    // Created, then the crash came before its header was forced: nothing of it was promised.
                    segment.writeHeader();
                } else {
                    damaged(metrics, segment, 0);
                }
                continue;
            }
            SegmentScanner.Result result = scanner.scan(segment, new Replay(segment));
            if (!result.complete()) {
                if (last) {
                    LOG.debug("cut the torn tail of spool log segment {} at byte {} of {}", segment.path,
                            result.end(), segment.size);
                    segment.truncate(result.end());
                } else {
                    damaged(metrics, segment, result.end());
                }
            }
        }
        if (segments.isEmpty()) {
            segments.add(LogSegment.create(directory, 1));
        }
        head = segments.get(segments.size() - 1);
        committed = position();
    }

    private static void damaged(SpoolMetrics metrics, LogSegment segment, long at) {
        metrics.damaged.inc();
        LOG.warn("spool log segment {} is damaged at byte {}: the rest of it is skipped, so events stored there may be "
                + "lost or sent again; the workers' next inventory and resync snapshots restore their state at the "
                + "endpoint", segment.path, at);
    }

    /** Applies a segment's records at recovery. */
    private final class Replay implements SegmentScanner.Visitor {
        private final LogSegment segment;

        Replay(LogSegment segment) {
            this.segment = segment;
        }

        @Override
        public void put(long number, int offset, int valueLength) {
            if (number <= 0) {
                return;
            }
            located(number, segment, offset, valueLength);
        }

        @Override
        public void remove(long number) {
            highest = Math.max(highest, number);
            forget(number);
        }
    }

    /**
     * Sets what runs before any appended byte is written to a segment, at a commit and also before it (a roll, a group
     * past {@value #FLUSH_BYTES} bytes): the spool commits the MVStore there, so that no record on disk ever names a
     * key number that is not durable yet, even one of a group whose commit a crash cut short.
     */
    void beforeWrite(Runnable action) {
        this.beforeWrite = action;
    }

    /** Stores {@code value} under {@code number}, replacing one of that number; durable after {@link #commit()}. */
    void put(long number, byte[] value) {
        int bytes = LogRecords.HEADER + value.length;
        int offset = reserve(bytes);
        LogRecords.putRecord(buffer, crc, number, value);
        located(number, head, offset, value.length);
        flushIfFull();
    }

    /**
     * Removes {@code number}'s entry.
     *
     * @return the length of its value, -1 when there was none (nothing is written then)
     */
    int remove(long number) {
        int length = forget(number);
        if (length >= 0) {
            reserve(LogRecords.HEADER);
            LogRecords.removeRecord(buffer, crc, number);
            flushIfFull();
        }
        return length;
    }

    /** The value stored under {@code number}, read back from its segment; {@code null} if there is none. */
    byte[] get(long number) {
        int slot = locations.find(number);
        if (slot < 0) {
            return null;
        }
        LogSegment segment = segment(locations.segmentAt(slot));
        long at = (long) locations.offsetAt(slot) + LogRecords.HEADER;
        byte[] value = new byte[locations.lengthAt(slot)];
        long flushed = head.size - buffer.position();
        if (segment == head && at >= flushed) {
            buffer.get((int) (at - flushed), value, 0, value.length);
            return value;
        }
        try {
            if (!segment.readFully(ByteBuffer.wrap(value), at)) {
                throw new IOException("spool log segment " + segment.path + " ends before its entry");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return value;
    }

    /** The length of the value stored under {@code number}, -1 if there is none (nothing is read). */
    int valueLength(long number) {
        int slot = locations.find(number);
        return slot < 0 ? -1 : locations.lengthAt(slot);
    }

    /** The live entry numbers, ascending. */
    long[] numbers() {
        return locations.numbers();
    }

    /** Live entries. */
    int size() {
        return locations.size();
    }

    /** The highest entry number any record of the log names. */
    long highest() {
        return highest;
    }

    /** Bytes of the segment files (with what is buffered for the head). */
    long diskBytes() {
        long bytes = 0;
        for (LogSegment segment : segments) {
            bytes += segment.size;
        }
        return bytes;
    }

    /** Bytes of the live PUT records. */
    long liveBytes() {
        return liveBytes;
    }

    /** Segment files. */
    int segmentCount() {
        return segments.size();
    }

    /**
     * Where the log's end is: the head's number (high 32 bits) and its length. It only grows, so a log that opens at
     * a lower position than the one last committed lost committed records.
     */
    long position() {
        return ((long) head.number << 32) | head.size;
    }

    /** {@link #position()} as of the last force. */
    long committedPosition() {
        return committed;
    }

    /**
     * Writes what was appended since the last commit and forces it to disk; nothing when nothing was appended.
     *
     * @throws UncheckedIOException when it cannot: nothing appended since the last commit is promised
     */
    void commit() {
        if (!dirty) {
            return;
        }
        try {
            flush();
            head.channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirty = false;
        committed = position();
    }

    /**
     * One bounded step of compaction, if it is due (and, with {@code idle} false, overdue): see the class comment.
     *
     * @return whether another step is wanted now
     * @throws UncheckedIOException when the log cannot be written
     */
    boolean compactStep(boolean idle) {
        if (compacting == null) {
            if (!isCompactionDue()) {
                dueSince = -1;
                return false;
            }
            long now = clock.millis();
            if (dueSince < 0) {
                dueSince = now;
            }
            if (!idle && now - dueSince < COMPACT_OVERDUE_MILLIS) {
                return false;
            }
            compacting = segments.get(0);
            toCopy = locations.numbersIn(compacting.number);
            copied = 0;
        } else if (!idle && clock.millis() - dueSince < COMPACT_OVERDUE_MILLIS) {
            return false;
        }
        try {
            long budget = COMPACT_STEP_BYTES;
            while (copied < toCopy.length && budget > 0) {
                long number = toCopy[copied++];
                int slot = locations.find(number);
                if (slot >= 0 && locations.segmentAt(slot) == compacting.number) {
                    budget -= copy(number, slot);
                }
            }
            if (copied < toCopy.length) {
                return true;
            }
            // The copies are on disk before their originals go.
            commit();
            segments.remove(0);
            compacting.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        compacting = null;
        toCopy = null;
        dueSince = -1;
        return isCompactionDue();
    }

    private boolean isCompactionDue() {
        if (segments.size() < 2) {
            return false;
        }
        LogSegment oldest = segments.get(0);
        return 2 * oldest.liveBytes <= oldest.size || diskBytes() > 2 * liveBytes + 2L * segmentBytes;
    }

    /** Copies the live PUT of {@code number} (in {@code slot}) verbatim to the head; the bytes it took. */
    private int copy(long number, int slot) throws IOException {
        LogSegment from = segment(locations.segmentAt(slot));
        int length = locations.lengthAt(slot);
        int bytes = LogRecords.HEADER + length;
        long source = locations.offsetAt(slot);
        int offset = reserve(bytes);
        int start = buffer.position();
        buffer.limit(start + bytes);
        boolean read = from.readFully(buffer, source);
        buffer.limit(buffer.capacity());
        if (!read) {
            throw new IOException("spool log segment " + from.path + " ends before its entry");
        }
        located(number, head, offset, length);
        flushIfFull();
        return bytes;
    }

    /** Records where {@code number}'s PUT is, moving its live bytes from where it was. */
    private void located(long number, LogSegment segment, int offset, int valueLength) {
        forget(number);
        locations.put(number, segment.number, offset, valueLength);
        long bytes = LogRecords.HEADER + valueLength;
        segment.liveBytes += bytes;
        liveBytes += bytes;
        highest = Math.max(highest, number);
    }

    /** Takes {@code number} out of the index; the length of its value, or -1. */
    private int forget(long number) {
        int slot = locations.find(number);
        if (slot < 0) {
            return -1;
        }
        int length = locations.lengthAt(slot);
        long bytes = LogRecords.HEADER + length;
        segment(locations.segmentAt(slot)).liveBytes -= bytes;
        liveBytes -= bytes;
        locations.removeAt(slot);
        return length;
    }

    /**
     * Makes room for a record of {@code bytes} in the head (rolling to a new segment when the head is full) and the
     * buffer; the record's offset in the head.
     */
    private int reserve(int bytes) {
        try {
            if (head.size >= segmentBytes) {
                roll();
            }
            if (buffer.remaining() < bytes) {
                flush();
                if (buffer.capacity() < bytes) {
                    buffer = ByteBuffer.allocateDirect(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int offset = (int) head.size;
        head.size += bytes;
        dirty = true;
        return offset;
    }

    private void flushIfFull() {
        if (buffer.position() >= FLUSH_BYTES) {
            try {
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes the buffer at the end of the head (not forced). */
    private void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        beforeWrite.run();
        long at = head.size - buffer.position();
        buffer.flip();
        head.writeFully(buffer, at);
        buffer.clear();
    }

    /** Forces the head and starts the next segment. */
    private void roll() throws IOException {
        flush();
        head.channel.force(false);
        LogSegment next = LogSegment.create(directory, head.number + 1);
        segments.add(next);
        head = next;
    }

    /** The segment numbered {@code number} (a binary search: there are few, in ascending order). */
    private LogSegment segment(int number) {
        int low = 0;
        int high = segments.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = segments.get(mid).number;
            if (at < number) {
                low = mid + 1;
            } else if (at > number) {
                high = mid - 1;
            } else {
                return segments.get(mid);
            }
        }
        throw new IllegalStateException("no spool log segment " + number);
    }

    /** What the location index holds on the heap, for tests that measure it. */
    Object heapForTests() {
        return locations;
    }

    /** Commits what is left and closes the segment files. */
    @Override
    public void close() {
        try {
            commit();
        } finally {
            closeWithoutCommit();
        }
    }

    /** Closes the segment files, leaving what was not committed unwritten. */
    void closeWithoutCommit() {
        for (LogSegment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("cannot close spool log segment {}: {}", segment.path, e.getMessage());
            }
        }
    }
}
