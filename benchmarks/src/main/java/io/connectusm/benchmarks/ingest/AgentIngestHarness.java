package io.connectusm.benchmarks.ingest;

import io.connectusm.benchmarks.report.Machine;
import io.connectusm.benchmarks.report.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The agent's ingest against a minimal Netty HTTPS server, alternated in one JVM (run by
 * {@code benchmarks/agent-ingest.sh}; see BENCHMARKS.md for what it measures and why).
 *
 * <p>For each cell (C clients × B events per POST, 1,000 connectors): first a closed loop (every client POSTs back to
 * back) over every target, the targets alternated {@code --alternations} times in rotating order; then, at a fixed
 * offered rate (a fraction of the slowest agent's closed-loop median of the cell, the same for every target), the same
 * alternation again, for latency at equal load. Every run starts a fresh target (an agent gets an empty spool) and
 * audits it afterwards against the clients' count of 204s.
 *
 * <p>Prints progress to stderr and the result block (markdown, see {@code benchmarks/run.sh}) to stdout.
 *
 * <p>Longer than ~300 lines for a reason: a benchmark harness keeps its whole procedure (set-up, the measured
 * phases, the audit of every run, the report) in one readable place, so a reader checks what a figure means in
 * one file; it is never loaded by the product.
 */
public final class AgentIngestHarness {

    private final IngestOptions options;
    private final Fixture fixture;
    private final SSLContext clientTls;
    private final Path tmpfsRoot;
    private final Path diskRoot;
    private final Instant observed = Instant.now().minusSeconds(3600);
    /** Records the closed-loop windows of the reported runs when {@code --jfr} is given. */
    private final Recording recording;
    private boolean warm;
    private int runs;

    private AgentIngestHarness(IngestOptions options, Path root) throws Exception {
        this.options = options;
        this.fixture = new Fixture(root, options.provider());
        this.clientTls = fixture.clientTls();
        long pid = ProcessHandle.current().pid();
        this.tmpfsRoot = options.tmpfsDir().resolve("usm-agent-ingest-" + pid);
        this.diskRoot = options.diskDir().toAbsolutePath().resolve("usm-agent-ingest-" + pid);
        this.recording = options.jfr() == null ? null : new Recording(Configuration.getConfiguration("profile"));
    }

    public static void main(String[] args) throws Exception {
        IngestOptions options = IngestOptions.parse(args);
        Path root = Files.createTempDirectory("agent-ingest-");
        AgentIngestHarness harness = new AgentIngestHarness(options, root);
        Instant begin = Instant.now();
        double loadBegin = Machine.loadAverage();
        List<RunResult> results = harness.runAll();
        System.out.print(new IngestReport(options, results, begin, Instant.now(), loadBegin).markdown());
        System.out.flush();
        // The JDK HttpClients' selector threads are not daemons while their clients are reachable.
        System.exit(0);
    }

    private List<RunResult> runAll() throws Exception {
        try {
            return runAllTargets();
        } finally {
            // Each run removes its own spool; what is left are the two (empty) roots, which /dev/shm would keep.
            removeEmpty(tmpfsRoot);
            removeEmpty(diskRoot);
        }
    }

    /** Removes an empty directory; one still holding a failed run's spool stays, for a look. */
    private static void removeEmpty(Path dir) {
        try {
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            log("kept %s: %s", dir, e);
        }
    }

    private List<RunResult> runAllTargets() throws Exception {
        log("agent ingest: %d cells × %d targets × %d alternations, closed %d s, open %d s; %s", options.cells().size(),
                options.targets().size(), options.alternations(), options.closedSeconds(), options.openSeconds(),
                Machine.description());
        for (TargetKind kind : options.targets()) {
            run(kind, new Cell(4, 100), 0, Math.max(1, options.warmupSeconds() / options.targets().size()));
        }
        warm = true;
        List<RunResult> results = new ArrayList<>();
        for (Cell cell : options.cells()) {
            List<RunResult> closed = alternate(cell, 0, options.closedSeconds());
            results.addAll(closed);
            if (options.openSeconds() > 0) {
                results.addAll(alternate(cell, openRate(closed), options.openSeconds()));
            }
        }
        if (recording != null) {
            recording.dump(options.jfr());
            recording.close();
            log("JFR recording of the closed-loop windows written to %s", options.jfr());
        }
        return results;
    }

    /** Every target {@code alternations} times, the order rotated by one each time. */
    private List<RunResult> alternate(Cell cell, double rate, int seconds) throws Exception {
        List<RunResult> results = new ArrayList<>();
        List<TargetKind> order = new ArrayList<>(options.targets());
        for (int alternation = 0; alternation < options.alternations(); alternation++) {
            for (TargetKind kind : order) {
                results.add(run(kind, cell, rate, seconds));
            }
            Collections.rotate(order, -1);
        }
        return results;
    }

    /** The fixed rate of a cell: {@code --open-fraction} of the slowest target's closed-loop median. */
    private double openRate(List<RunResult> closed) {
        Map<TargetKind, List<Double>> rates = new TreeMap<>();
        closed.forEach(r -> rates.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.eventsPerSecond()));
        return options.openFraction() * rates.values().stream().mapToDouble(Stats::median).min().orElse(1000);
    }

    private RunResult run(TargetKind kind, Cell cell, double rate, int seconds) throws Exception {
        int index = runs++;
        try (Target target = kind.start(fixture, tmpfsRoot, diskRoot, index)) {
            CountDownLatch ready = new CountDownLatch(cell.clients());
            CountDownLatch go = new CountDownLatch(1);
            long interval = rate == 0 ? 0 : (long) (1e9 * cell.batch() * cell.clients() / rate);
            List<IngestClient> clients = new ArrayList<>();
            for (int c = 0; c < cell.clients(); c++) {
                Payloads payloads = new Payloads(c, cell.clients(), options.connectors(), cell.batch(), observed,
                        options.preEncoded());
                clients.add(new IngestClient(c, target.eventsUri(), clientTls, payloads, cell.batch(), interval,
                        interval * c / cell.clients(), ready, go));
            }
            clients.forEach(Thread::start);
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the clients did not connect within 60 s");
            }
            CpuBook cpu = CpuBook.start();
            double loadStart = Machine.loadAverage();
            long start = System.nanoTime();
            for (IngestClient client : clients) {
                client.start = start;
                client.deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            }
            IngestWindow window = new IngestWindow(kind.label(), cell.toString(), rate);
            if (recording != null && warm && recording.getState() == RecordingState.NEW) {
                recording.start();
            }
            window.begin();
            go.countDown();
            for (IngestClient client : clients) {
                client.join();
            }
            window.commit();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Double> cpuSeconds = cpu.seconds(clients.stream().mapToLong(c -> c.cpuNanos).sum() / 1e9);
            double loadEnd = Machine.loadAverage();
            long posts = 0;
            long events = 0;
            long timed = 0;
            long errors = 0;
            String firstError = null;
            Map<Integer, Long> statuses = new TreeMap<>();
            List<long[]> latencies = new ArrayList<>();
            for (IngestClient client : clients) {
                posts += client.okPosts;
                events += client.okEvents;
                timed += (long) client.count * cell.batch();
                errors += client.errors;
                firstError = firstError != null ? firstError : client.firstError;
                client.otherStatuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
                latencies.add(client.latencies());
                client.release();
            }
            String audit = target.audit(posts, events);
            RunResult result = new RunResult(kind, cell, rate, elapsed, timed, Stats.sortedUnion(latencies), statuses,
                    errors, firstError, cpuSeconds, loadStart, loadEnd, audit, target.facts());
            log("%-22s %-9s %s %,9.0f events/s  p50 %6.2f  p99 %6.2f ms  cpu %.2f cores (server %.2f, committer %.2f, "
                            + "clients %.2f, gc %.2f, jit %.2f; other: %s)  load %.1f%s%s", kind.label(), cell,
                    rate == 0 ? "closed      " : String.format(Locale.ROOT, "at %,7.0f/s", rate), result.eventsPerSecond(),
                    result.p50Millis(), result.p99Millis(), cpuSeconds.get("process") / elapsed,
                    cpuSeconds.get("server") / elapsed, cpuSeconds.get("committer") / elapsed,
                    cpuSeconds.get("clients") / elapsed, cpuSeconds.get("gc") / elapsed, cpuSeconds.get("jit") / elapsed,
                    cpu.topOther(), loadEnd, result.clean() ? "" : "  NOT CLEAN: " + statuses + " errors " + errors + " audit " + audit
                            + " first " + firstError, target.facts().isEmpty() ? "" : "  [" + target.facts() + "]");
            return result;
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
