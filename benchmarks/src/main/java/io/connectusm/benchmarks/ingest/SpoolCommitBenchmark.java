package io.connectusm.benchmarks.ingest;

import io.connectusm.agent.spool.AppendResult;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.events.ScannedEvent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The spool alone, without TLS, HTTP or validation on the measured side: C threads append batches of B connector
 * snapshots (already scanned, as an event loop hands them over; 1,000 connectors, every event a new state, 16
 * pending states per connector) to a real {@link Spool} and wait for each future, as the agent's event loops do before
 * their 204. It reports the committer thread's CPU time per accepted event and per group commit, the bytes it
 * allocates per event (a figure the machine's load does not move), the commits, and
 * the appending threads' CPU per event (the event's store value laid out on the caller's thread). The committer's CPU
 * is its thread's own CPU time, so the load on the machine moves it little.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * io.connectusm.benchmarks.ingest.SpoolCommitBenchmark [clients] [batch] [seconds] [events/s] [directory]}: the
 * clients offer that many events per second in all (0, the default: each appends back to back; the agent's commits
 * at its measured rate are what its committer column shows, compaction included, so use that rate); the directory
 * defaults to a new one under {@code /dev/shm} (tmpfs: fsync costs nothing, so the figures are CPU) and is removed
 * at the end. Not part of {@code run.sh}: it explains the committer column of {@code agent-ingest}.
 */
public final class SpoolCommitBenchmark {

    private static final int CONNECTORS = 1_000;
    private static final int HISTORY = 16;
    private static final int WARMUP_SECONDS = 8;

    private SpoolCommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Path root = args.length > 4 ? Path.of(args[4]) : Path.of("/dev/shm");
        Path directory = Files.createTempDirectory(root, "spool-commit-");
        try {
            System.out.println("| clients × events/append | events | events/s | commits | committer CPU µs/event "
                    + "| committer CPU µs/commit | committer B allocated/event | events/commit | appending threads CPU µs/event | end state |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            run(clients, batch, seconds, rate, directory);
        } finally {
            delete(directory);
        }
    }

    private static void run(int clients, int batch, int seconds, double rate, Path directory) throws Exception {
        // Each client's appends are spaced so that all of them together offer `rate` events/s (0: back to back).
        long spacing = rate > 0 ? (long) (1e9 * batch * clients / rate) : 0;
        List<List<List<ScannedEvent>>> batches = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Payloads payloads = new Payloads(c, clients, CONNECTORS, batch, Instant.parse("2026-11-20T10:00:00Z"), true);
            List<List<ScannedEvent>> mine = new ArrayList<>();
            // Two revisions of every connector of this client, so a round never repeats the state before it.
            int perRound = 2 * Math.max(1, (CONNECTORS / clients + batch - 1) / batch);
            for (int i = 0; i < perRound; i++) {
                mine.add(BatchCodec.scan(payloads.next(), null));
            }
            batches.add(mine);
        }
        AtomicLong commits = new AtomicLong();
        SpoolSettings settings = new SpoolSettings(directory, 1L << 30, HISTORY, 4096);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Spool spool = Spool.open(settings, new SpoolMetrics(new PrometheusRegistry()), commits::incrementAndGet,
                Clock.systemUTC())) {
            long committer = committerThreadId();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong accepted = new AtomicLong();
            AtomicLong clientCpu = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean(false);
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<List<ScannedEvent>> mine = batches.get(c);
                Thread worker = new Thread(() -> {
                    int next = 0;
                    long cpuAtStart = -1;
                    long due = System.nanoTime();
                    while (running.get()) {
                        if (spacing > 0) {
                            due += spacing;
                            LockSupport.parkNanos(due - System.nanoTime());
                        }
                        if (cpuAtStart < 0 && measuring.get()) {
                            cpuAtStart = threads.getCurrentThreadCpuTime();
                        }
                        AppendResult result = spool.append(mine.get(next)).join();
                        next = (next + 1) % mine.size();
                        if (measuring.get()) {
                            accepted.addAndGet(result.stored() + result.deduplicated());
                        }
                    }
                    if (cpuAtStart >= 0) {
                        clientCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtStart);
                    }
                }, "spool-bench-client-" + c);
                workers.add(worker);
                worker.start();
            }
            Thread.sleep(WARMUP_SECONDS * 1000L);
            long cpu0 = threads.getThreadCpuTime(committer);
            long allocated0 = threads.getThreadAllocatedBytes(committer);
            long commits0 = commits.get();
            long wall0 = System.nanoTime();
            measuring.set(true);
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long cpu = threads.getThreadCpuTime(committer) - cpu0;
            long allocated = threads.getThreadAllocatedBytes(committer) - allocated0;
            long commitCount = commits.get() - commits0;
            double wall = (System.nanoTime() - wall0) / 1e9;
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            long events = accepted.get();
            System.out.printf(Locale.ROOT,
                    "| %d × %d | %,d | %,.0f | %,d | %.2f | %.1f | %,d | %.1f | %.2f | pending %,d, files %,d KiB |%n",
                    clients, batch, events, events / wall, commitCount, cpu / 1e3 / events, cpu / 1e3 / commitCount,
                    allocated / events,
                    (double) events / commitCount, clientCpu.get() / 1e3 / events, spool.pendingEvents(),
                    Spool.diskBytes(directory) / 1024);
        }
    }

    private static long committerThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("usm-agent-spool-committer")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no committer thread")).getId();
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
