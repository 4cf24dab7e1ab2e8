package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.testkit.LogCapture;
import io.connectusm.testkit.SettableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

/**
 * Tries to break the {@link EntryLog}: torn tails and flipped bytes at every offset of the last records, damage in a
 * segment that is not the last, segment rolls at the exact boundary, compaction interleaved with appends, removes and
 * restarts (against a reference map), empty files, and the disk bound under a constant load.
 */
class EntryLogTest {

    @TempDir
    Path dir;
    /** Copies of a log, cut or flipped. */
    @TempDir
    Path scratch;

    private SpoolMetrics metrics = new SpoolMetrics(new PrometheusRegistry());

    private EntryLog open(int segmentBytes) throws IOException {
        return EntryLog.open(dir, segmentBytes, Clock.systemUTC(), metrics);
    }

    /** A value unique to {@code number} and {@code version}, of a length that varies with both. */
    private static byte[] value(long number, int version) {
        Random random = new Random(number * 31 + version);
        byte[] value = new byte[1 + random.nextInt(300)];
        random.nextBytes(value);
        return value;
    }

    private static void assertHolds(EntryLog log, Map<Long, byte[]> expected) {
        assertThat(log.numbers()).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
        for (Map.Entry<Long, byte[]> entry : expected.entrySet()) {
            assertThat(log.get(entry.getKey())).as("entry %d", entry.getKey()).isEqualTo(entry.getValue());
            assertThat(log.valueLength(entry.getKey())).isEqualTo(entry.getValue().length);
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> LogSegment.numberOf(p.getFileName().toString()) > 0).sorted().toList();
        }
    }

    private Path copyOf(Path source, String name) throws IOException {
        Path copy = Files.createDirectories(scratch.resolve(name));
        try (Stream<Path> files = Files.list(copy)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void keepsEntriesAcrossReopenAndReadsUncommittedOnesFromItsBuffer() throws Exception {
        Map<Long, byte[]> expected = new TreeMap<>();
        try (EntryLog log = open(EntryLog.DEFAULT_SEGMENT_BYTES)) {
            for (long n = 1; n <= 50; n++) {
                log.put(n, value(n, 0));
                expected.put(n, value(n, 0));
                // Read back before the commit: from the buffer.
                assertThat(log.get(n)).isEqualTo(value(n, 0));
            }
            assertThat(log.remove(7)).isEqualTo(value(7, 0).length);
            expected.remove(7L);
            assertThat(log.remove(7)).as("gone already").isEqualTo(-1);
            assertThat(log.remove(999)).as("never stored").isEqualTo(-1);
            log.commit();
            assertHolds(log, expected);
        }
        try (EntryLog log = open(EntryLog.DEFAULT_SEGMENT_BYTES)) {
            assertHolds(log, expected);
            assertThat(log.highest()).isEqualTo(50);
        }
    }

    @Test
    void reopensAfterCloseWithNothingPendingAndFromAnEmptyDirectory() throws Exception {
        try (EntryLog log = open(4096)) {
            assertThat(log.numbers()).isEmpty();
            for (long n = 1; n <= 40; n++) {
                log.put(n, value(n, 0));
            }
            log.commit();
            for (long n = 1; n <= 40; n++) {
                log.remove(n);
            }
        }
        for (int run = 0; run < 3; run++) {
            try (EntryLog log = open(4096)) {
                assertThat(log.numbers()).isEmpty();
                assertThat(log.liveBytes()).isZero();
                assertThat(log.highest()).isEqualTo(40);
                while (log.compactStep(true)) {
                    // drain
                }
                assertThat(log.segmentCount()).isEqualTo(1);
            }
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    @Test
    void anEmptyLastSegmentIsNewAndAnEmptyEarlierOneIsDamage() throws Exception {
        try (EntryLog log = open(4096)) {
            log.put(1, value(1, 0));
            log.commit();
        }
        // A crash right after a roll created the next file: empty, nothing of it promised.
        Files.createFile(dir.resolve(LogSegment.fileName(2)));
        try (EntryLog log = open(4096)) {
            assertHolds(log, Map.of(1L, value(1, 0)));
            log.put(2, value(2, 0));
            log.commit();
        }
        assertThat(metrics.damaged.get()).isZero();
        try (EntryLog log = open(4096)) {
            assertHolds(log, new TreeMap<>(Map.of(1L, value(1, 0), 2L, value(2, 0))));
        }
        // Segment 1 emptied by someone: what it held is gone, and that is counted.
        Files.write(dir.resolve(LogSegment.fileName(1)), new byte[0]);
        try (LogCapture logs = new LogCapture(); EntryLog log = open(4096)) {
            assertHolds(log, Map.of(2L, value(2, 0)));
            assertThat(metrics.damaged.get()).isEqualTo(1);
            assertThat(logs.text()).containsOnlyOnce("WARN").contains(LogSegment.fileName(1));
        }
    }

    /**
     * Cuts the last segment at every offset of its last records (the group a crash tore): open never fails, every
     * record committed before those is there with its value, and each record of the torn group is there whole or not
     * at all; the log takes appends after the cut and keeps them.
     */
    @Test
    void cutsATornTailAtEveryOffsetKeepingEverythingBeforeIt() throws Exception {
        Map<Long, byte[]> committed = new TreeMap<>();
        long tornFrom;
        try (EntryLog log = open(EntryLog.DEFAULT_SEGMENT_BYTES)) {
            for (long n = 1; n <= 30; n++) {
                log.put(n, value(n, 0));
                committed.put(n, value(n, 0));
            }
            log.remove(3);
            committed.remove(3L);
            log.commit();
            tornFrom = Files.size(segmentFiles().get(0));
            log.put(31, value(31, 0));
            log.remove(4);
            log.put(32, value(32, 0));
            log.put(5, value(5, 1));
            log.commit();
        }
        Path full = copyOf(dir, "full");
        long end = Files.size(full.resolve(LogSegment.fileName(1)));
        for (long cut = tornFrom; cut <= end; cut++) {
            Path torn = copyOf(full, "torn");
            try (FileChannel channel = FileChannel.open(torn.resolve(LogSegment.fileName(1)), StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            try (EntryLog log = EntryLog.open(torn, EntryLog.DEFAULT_SEGMENT_BYTES, Clock.systemUTC(), metrics)) {
                assertTornGroupIsAllOrNothingEach(log, committed, cut);
                log.put(100, value(100, 0));
                log.commit();
            }
            try (EntryLog log = EntryLog.open(torn, EntryLog.DEFAULT_SEGMENT_BYTES, Clock.systemUTC(), metrics)) {
                assertThat(log.get(100)).as("appended after the cut at %d", cut).isEqualTo(value(100, 0));
            }
        }
        assertThat(metrics.damaged.get()).as("a torn tail is no damage").isZero();
    }

    /** The torn group: PUT 31, REMOVE 4, PUT 32, PUT 5 (new value): each applied whole or not at all, in order. */
    private static void assertTornGroupIsAllOrNothingEach(EntryLog log, Map<Long, byte[]> committed, long cut) {
        for (Map.Entry<Long, byte[]> entry : committed.entrySet()) {
            long n = entry.getKey();
            byte[] got = log.get(n);
            if (n == 4) {
                assertThat(got == null || java.util.Arrays.equals(got, entry.getValue())).as("cut %d", cut).isTrue();
            } else if (n == 5) {
                assertThat(got).as("cut %d", cut).isIn(entry.getValue(), value(5, 1));
            } else {
                assertThat(got).as("entry %d, cut %d", n, cut).isEqualTo(entry.getValue());
            }
        }
        byte[] put31 = log.get(31);
        byte[] put32 = log.get(32);
        assertThat(put31 == null || java.util.Arrays.equals(put31, value(31, 0))).as("cut %d", cut).isTrue();
        assertThat(put32 == null || java.util.Arrays.equals(put32, value(32, 0))).as("cut %d", cut).isTrue();
        // In order: a later record never survives an earlier one's loss.
        if (put32 != null) {
            assertThat(put31).isNotNull();
            assertThat(log.get(4)).isNull();
        }
        if (log.get(4) == null) {
            assertThat(put31).isNotNull();
        }
        if (java.util.Arrays.equals(log.get(5), value(5, 1))) {
            assertThat(put32).isNotNull();
        }
    }

    /**
     * Flips one bit (chosen at random, seeded) of each byte of the last records: the record and everything after it
     * are cut, the rest is kept, and no value read is a wrong one.
     */
    @Test
    void cutsTheTailAtAFlippedByteOfItsLastRecords() throws Exception {
        Map<Long, byte[]> before = new TreeMap<>();
        long tail;
        try (EntryLog log = open(EntryLog.DEFAULT_SEGMENT_BYTES)) {
            for (long n = 1; n <= 20; n++) {
                log.put(n, value(n, 0));
                before.put(n, value(n, 0));
            }
            log.commit();
            tail = Files.size(segmentFiles().get(0));
            log.put(21, value(21, 0));
            log.remove(2);
            log.put(22, value(22, 0));
            log.commit();
        }
        Path full = copyOf(dir, "full");
        long end = Files.size(full.resolve(LogSegment.fileName(1)));
        Random random = new Random(42);
        for (long at = tail; at < end; at++) {
            Path flipped = copyOf(full, "flipped");
            Path segment = flipped.resolve(LogSegment.fileName(1));
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, at);
                one.put(0, (byte) (one.get(0) ^ (1 << random.nextInt(8)))).position(0);
                channel.write(one, at);
            }
            try (EntryLog log = EntryLog.open(flipped, EntryLog.DEFAULT_SEGMENT_BYTES, Clock.systemUTC(), metrics)) {
                for (Map.Entry<Long, byte[]> entry : before.entrySet()) {
                    if (entry.getKey() != 2) {
                        assertThat(log.get(entry.getKey())).as("flip at %d", at).isEqualTo(entry.getValue());
                    }
                }
                byte[] put22 = log.get(22);
                assertThat(put22).as("flip at %d", at).satisfiesAnyOf(v -> assertThat(v).isNull(),
                        v -> assertThat(v).isEqualTo(value(22, 0)));
                assertThat(log.get(21)).as("flip at %d", at).satisfiesAnyOf(v -> assertThat(v).isNull(),
                        v -> assertThat(v).isEqualTo(value(21, 0)));
            }
            assertThat(Files.size(segment)).as("cut at the flipped record").isLessThanOrEqualTo(at);
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    @Test
    void aDamagedEarlierSegmentIsCountedNamedAndSkippedFromThere() throws Exception {
        try (EntryLog log = open(2048)) {
            for (long n = 1; n <= 40; n++) {
                log.put(n, value(n, 0));
                log.commit();
            }
            assertThat(log.segmentCount()).isGreaterThan(3);
        }
        Path first = segmentFiles().get(0);
        long size = Files.size(first);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, size - 5);
            one.put(0, (byte) ~one.get(0)).position(0);
            channel.write(one, size - 5);
        }
        try (LogCapture logs = new LogCapture(); EntryLog log = open(2048)) {
            assertThat(metrics.damaged.get()).isEqualTo(1);
            assertThat(logs.text()).containsOnlyOnce("WARN").contains(first.getFileName().toString());
            long[] numbers = log.numbers();
            // Only the damaged record is lost (it was the segment's last), nothing of the later segments.
            assertThat(numbers).hasSize(39).contains(40);
            for (long n : numbers) {
                assertThat(log.get(n)).isEqualTo(value(n, 0));
            }
            assertThat(Files.size(first)).as("an earlier segment is not cut").isEqualTo(size);
        }
    }

    @Test
    void rollsToANewSegmentAtTheExactBoundary() throws Exception {
        int valueBytes = 100;
        int record = LogRecords.HEADER + valueBytes;
        int segmentBytes = LogRecords.FILE_HEADER + 5 * record;
        byte[] value = new byte[valueBytes];
        try (EntryLog log = open(segmentBytes)) {
            for (long n = 1; n <= 5; n++) {
                log.put(n, value);
            }
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(1);
            assertThat(Files.size(segmentFiles().get(0))).isEqualTo(segmentBytes);
            log.put(6, value);
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(Files.size(segmentFiles().get(1))).isEqualTo(LogRecords.FILE_HEADER + record);
        }
        try (EntryLog log = open(segmentBytes)) {
            assertThat(log.numbers()).containsExactly(1, 2, 3, 4, 5, 6);
            // A segment filled exactly at open rolls at the next append, too.
            for (long n = 7; n <= 10; n++) {
                log.put(n, value);
            }
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(2);
            log.put(11, value);
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(3);
        }
    }

    @Test
    void aRemoveWhosePutsSegmentWasDroppedIsHarmless() throws Exception {
        int segmentBytes = 1024;
        try (EntryLog log = open(segmentBytes)) {
            log.put(1, value(1, 0));
            log.put(2, new byte[segmentBytes]);
            log.commit();
            // Segment 2: REMOVE 1 (whose PUT is in segment 1), then more.
            log.put(3, value(3, 0));
            log.remove(1);
            log.remove(2);
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(2);
            while (log.compactStep(true)) {
                // drain
            }
            assertThat(Files.exists(dir.resolve(LogSegment.fileName(1)))).as("segment 1 dropped").isFalse();
        }
        try (EntryLog log = open(segmentBytes)) {
            assertHolds(log, Map.of(3L, value(3, 0)));
            assertThat(log.remove(1)).isEqualTo(-1);
            log.commit();
        }
        try (EntryLog log = open(segmentBytes)) {
            assertHolds(log, Map.of(3L, value(3, 0)));
        }
        assertThat(metrics.damaged.get()).isZero();
    }

    /**
     * A queue at a constant rate, with some entries that never leave (connectors whose state does not change): the
     * segment files stay below twice the live bytes plus two segments and a step's copies, whatever the number of
     * appends.
     */
    @Test
    void diskUseStaysBoundedUnderAConstantLoad() throws Exception {
        int segmentBytes = 64 << 10;
        Random random = new Random(7);
        try (EntryLog log = open(segmentBytes)) {
            java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
            long next = 1;
            long maxDisk = 0;
            for (int round = 0; round < 4000; round++) {
                for (int i = 0; i < 5; i++) {
                    long n = next++;
                    log.put(n, value(n, 0));
                    // One in ten stays forever; the rest is acknowledged some 200 appends later.
                    if (random.nextInt(10) != 0) {
                        queue.add(n);
                    }
                }
                while (queue.size() > 200) {
                    log.remove(queue.poll());
                }
                log.commit();
                while (log.compactStep(round % 3 != 0)) {
                    // as the committer: steps while idle
                }
                if (round % 3 != 0) {
                    // After an idle moment (busy rounds compact only when overdue, which this test never is).
                    long bound = 2 * log.liveBytes() + 2L * segmentBytes;
                    assertThat(log.diskBytes()).as("round %d", round).isLessThanOrEqualTo(bound);
                }
                maxDisk = Math.max(maxDisk, log.diskBytes());
            }
            long onDisk = 0;
            for (Path file : segmentFiles()) {
                onDisk += Files.size(file);
            }
            assertThat(onDisk).isEqualTo(log.diskBytes());
            assertThat(next).isGreaterThan(19_000);
            // 20,000 appends of ~150 bytes (3 MB) went through a log that never held more than this:
            System.out.println("EntryLog disk bound: at most " + maxDisk + " bytes on disk, " + log.liveBytes()
                    + " live at the end");
            assertThat(maxDisk).isLessThan(2 * log.liveBytes() + 3L * segmentBytes);
        }
    }

    @Test
    void compactionWaitsForAnIdleCommitterUntilItIsOverdue() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (EntryLog log = EntryLog.open(dir, 1024, clock, metrics)) {
            log.put(1, new byte[2048]);
            log.commit();
            log.remove(1);
            log.put(2, value(2, 0));
            log.commit();
            assertThat(log.segmentCount()).isEqualTo(2);
            assertThat(log.compactStep(false)).isFalse();
            clock.advance(Duration.ofMillis(EntryLog.COMPACT_OVERDUE_MILLIS - 1));
            log.compactStep(false);
            assertThat(log.segmentCount()).as("not overdue yet").isEqualTo(2);
            clock.advance(Duration.ofMillis(1));
            log.compactStep(false);
            assertThat(log.segmentCount()).as("overdue: one step between groups").isEqualTo(1);
        }
    }

    /**
     * Random appends, overwrites, removes, commits, compaction steps, clean restarts and crashes (what was not
     * committed is lost, nothing else) against a reference map; the seed is printed so a failure can be replayed.
     */
    @Test
    void matchesAReferenceMapThroughCompactionAndRestarts() throws Exception {
        String replay = System.getProperty("entrylog.seed");
        for (int run = 0; run < (replay != null ? 1 : 20); run++) {
            long seed = replay != null ? Long.parseLong(replay) : System.nanoTime() + run;
            System.out.println("EntryLogTest model seed " + seed);
            clear();
            runModel(seed);
        }
    }

    private void clear() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** One append since the last commit: a PUT of {@code value}, or a REMOVE ({@code value} null). */
    private record Op(long number, byte[] value) {
        void applyTo(Map<Long, byte[]> state) {
            if (value == null) {
                state.remove(number);
            } else {
                state.put(number, value);
            }
        }
    }

    private void runModel(long seed) throws IOException {
        Random random = new Random(seed);
        int segmentBytes = 512 + random.nextInt(4096);
        TreeMap<Long, byte[]> current = new TreeMap<>();
        TreeMap<Long, byte[]> committed = new TreeMap<>();
        List<Op> uncommitted = new java.util.ArrayList<>();
        long next = 1;
        EntryLog log = open(segmentBytes);
        try {
            for (int step = 0; step < 600; step++) {
                int op = random.nextInt(100);
                if (op < 40) {
                    long n = next++;
                    byte[] v = value(n, random.nextInt(3));
                    log.put(n, v);
                    current.put(n, v);
                    uncommitted.add(new Op(n, v));
                } else if (op < 45 && !current.isEmpty()) {
                    long n = randomKey(current, random);
                    byte[] v = value(n, 10 + random.nextInt(3));
                    log.put(n, v);
                    current.put(n, v);
                    uncommitted.add(new Op(n, v));
                } else if (op < 75) {
                    long n = current.isEmpty() || random.nextInt(8) == 0 ? next + 5 : randomKey(current, random);
                    byte[] removed = current.remove(n);
                    assertThat(log.remove(n)).as("seed %d step %d", seed, step)
                            .isEqualTo(removed == null ? -1 : removed.length);
                    if (removed != null) {
                        uncommitted.add(new Op(n, null));
                    }
                } else if (op < 88) {
                    log.commit();
                    committed = new TreeMap<>(current);
                    uncommitted.clear();
                    // As the committer: housekeeping only after a commit.
                    while (random.nextBoolean() && log.compactStep(random.nextBoolean())) {
                        // more steps
                    }
                } else if (op < 94) {
                    trace(seed, step, "close");
                    log.close();
                    committed = new TreeMap<>(current);
                    uncommitted.clear();
                    log = open(segmentBytes);
                    assertHolds(log, current);
                } else {
                    // A crash: everything committed is there, and of what came after, the records that reached the
                    // disk before it (a roll writes and forces the group so far): a prefix, in order, never a gap.
                    trace(seed, step, "crash");
                    log.closeWithoutCommit();
                    log = open(segmentBytes);
                    current = survivingPrefix(log, committed, uncommitted, seed, step);
                    committed = new TreeMap<>(current);
                    uncommitted.clear();
                }
                for (long n : new long[] {next - 1, next - 2}) {
                    assertThat(log.get(n)).as("seed %d step %d entry %d", seed, step, n).isEqualTo(current.get(n));
                }
                assertThat(log.size()).as("seed %d step %d", seed, step).isEqualTo(current.size());
            }
            assertHolds(log, current);
        } finally {
            log.close();
        }
        try (EntryLog reopened = open(segmentBytes)) {
            assertHolds(reopened, current);
        }
        assertThat(metrics.damaged.get()).as("seed %d", seed).isZero();
    }

    /** The state of {@code committed} plus the prefix of {@code uncommitted} that the reopened log holds. */
    private static TreeMap<Long, byte[]> survivingPrefix(EntryLog log, Map<Long, byte[]> committed, List<Op> uncommitted,
            long seed, int step) {
        TreeMap<Long, byte[]> state = new TreeMap<>(committed);
        for (int k = 0; ; k++) {
            if (holds(log, state)) {
                return state;
            }
            assertThat(k).as("seed %d step %d: the log after a crash is the committed state plus a prefix of what "
                    + "followed", seed, step).isLessThan(uncommitted.size());
            uncommitted.get(k).applyTo(state);
        }
    }

    private static boolean holds(EntryLog log, Map<Long, byte[]> expected) {
        if (log.size() != expected.size()) {
            return false;
        }
        for (Map.Entry<Long, byte[]> entry : expected.entrySet()) {
            if (!java.util.Arrays.equals(log.get(entry.getKey()), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void trace(long seed, int step, String what) {
        if (System.getProperty("entrylog.seed") != null) {
            System.out.println("seed " + seed + " step " + step + ": " + what);
        }
    }

    private static long randomKey(TreeMap<Long, byte[]> map, Random random) {
        Long key = map.ceilingKey(map.firstKey() + (long) (random.nextDouble() * (map.lastKey() - map.firstKey() + 1)));
        return key == null ? map.lastKey() : key;
    }

    @Test
    void holdsAFewDozenBytesPerEntryOnTheHeap() throws Exception {
        try (EntryLog log = open(EntryLog.DEFAULT_SEGMENT_BYTES)) {
            long empty = GraphLayout.parseInstance(log.heapForTests()).totalSize();
            byte[] v = new byte[200];
            for (long n = 1; n <= 100_000; n++) {
                log.put(n, v);
                if (n % 10_000 == 0) {
                    log.commit();
                }
            }
            log.commit();
            long perEntry = (GraphLayout.parseInstance(log.heapForTests()).totalSize() - empty) / 100_000;
            System.out.println("EntryLog heap per entry: " + perEntry + " bytes");
            // Three primitive arrays (8 + 8 + 4 bytes a slot) at a load factor between 3/8 and 3/4.
            assertThat(perEntry).isLessThanOrEqualTo(54);
        }
    }
}
