package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the extension costs a real worker, on vs off in the same run (issue #18; {@code benchmarks/extension-idle.sh}
 * runs it and prints its Markdown block). One KRaft broker in this JVM; per size N a Connect cluster of one
 * {@code ConnectDistributed} JVM with N STOPPED FileStreamSource connectors (created once, over REST); then, for
 * each round, the same worker started with the extension off and on, in alternating order. Each start: wait until
 * the worker shows all N STOPPED (it has started every one; with the extension: and it has reported all N), settle
 * (the settle time, then until the JIT compilers are quiet: {@link #awaitJitQuiet}), then measure
 * <ol>
 *   <li>idle: worker CPU and bytes allocated (all threads; the herder's tick thread {@code DistributedHerder-…};
 *       the extension's {@code connect-usm-metadata-events…} threads), read through {@link WorkerJvmProbe};</li>
 *   <li>the live heap after two full GCs;</li>
 *   <li>the worker's REST p50/p99 ({@link RestLatencyProbe}) idle and under a stream of config changes;</li>
 *   <li>with the extension on, task-failure detection ({@link TaskFailureProbe}).</li>
 * </ol>
 * {@code --jfr} also records the idle window with JFR and prints where the herder's and the extension's threads
 * allocate ({@code jdk.ObjectAllocationSample}) and where every thread group runs ({@code jdk.ExecutionSample}).
 */
final class ExtensionCostHarness {

    static final String HERDER = "DistributedHerder";
    static final String EXTENSION = "connect-usm-metadata-events";
    private static final Duration JIT_WAIT = Duration.ofMinutes(4);
    private static final Duration JIT_PROBE = Duration.ofSeconds(10);
    private static final double JIT_QUIET_CORES = 0.005;

    /** One start of the worker, measured. */
    record Cell(int connectors, boolean extension, int round, String loadBefore, String loadAfter, double cpuCores,
                double allocMBs, double herderAllocMBs, double herderCpuCores, double extensionAllocMBs,
                double extensionCpuCores, double liveHeapMB, RestLatencyProbe.Window idleRest,
                RestLatencyProbe.Window streamRest, List<Long> failureMillis, Received idleReceived,
                Received restIdleReceived, Received restStreamReceived, Map<String, GroupUse> groups,
                long settledSeconds) {
    }

    /** What one {@link WorkerThreadGroups} group spent in the idle window: CPU in cores, allocation in KB/s. */
    record GroupUse(double cpuCores, double allocKBs) {
    }

    /**
     * The events the receiver got from the worker during one measurement window, and how many of them were
     * {@code RESYNC} snapshots: tells whether a resync slice fell into the window.
     */
    record Received(int events, int resyncs) {

        static Received between(RecordingHttpsReceiver receiver, Instant from, Instant to) {
            int events = 0;
            int resyncs = 0;
            for (RecordingHttpsReceiver.Arrival arrival : receiver.arrivals()) {
                if (arrival.at().isBefore(from) || arrival.at().isAfter(to)) {
                    continue;
                }
                events++;
                if (arrival.event().payload() instanceof ConnectorSnapshot snapshot
                        && snapshot.cause() == ChangeCause.RESYNC) {
                    resyncs++;
                }
            }
            return new Received(events, resyncs);
        }

        @Override
        public String toString() {
            return events + " (" + resyncs + ")";
        }
    }

    record Options(List<Integer> sizes, int rounds, Duration settle, Duration window, Duration restWindow,
                   double changesPerSecond, int failures, boolean jfr, Path pluginZip, Path out, boolean offOnly) {

        static Options parse(String[] args) {
            List<Integer> sizes = List.of(1000, 5000);
            int rounds = 2;
            Duration settle = Duration.ofSeconds(30);
            Duration window = Duration.ofSeconds(60);
            Duration restWindow = Duration.ofSeconds(20);
            double rate = 2;
            int failures = 5;
            boolean jfr = false;
            boolean offOnly = false;
            Path zip = Path.of(System.getProperty("plugin.zip", "worker-extension/target/plugin.zip"));
            Path out = Path.of("worker-extension", "target", "extension-idle.md");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> {
                        sizes = List.of(1000);
                        rounds = 1;
                        settle = Duration.ofSeconds(20);
                        window = Duration.ofSeconds(20);
                        restWindow = Duration.ofSeconds(10);
                        failures = 2;
                    }
                    case "--connectors" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--settle" -> settle = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--window" -> window = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--rest-window" -> restWindow = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--changes-per-second" -> rate = Double.parseDouble(args[++i]);
                    case "--failures" -> failures = Integer.parseInt(args[++i]);
                    case "--jfr" -> jfr = true;
                    case "--off-only" -> offOnly = true;
                    case "--plugin-zip" -> zip = Path.of(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --quick "
                            + "--connectors 1000,5000 --rounds N --settle S --window S --rest-window S "
                            + "--changes-per-second R --failures N --jfr --off-only --plugin-zip ZIP --out FILE");
                }
            }
            return new Options(sizes, rounds, settle, window, restWindow, rate, failures, jfr, zip, out, offOnly);
        }
    }

    private final Options options;
    private final List<Cell> cells = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();

    private ExtensionCostHarness(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = BenchCluster.takeStdout();
        Options options = Options.parse(args);
        ExtensionCostHarness harness = new ExtensionCostHarness(options);
        try (BenchCluster cluster = new BenchCluster(options.pluginZip())) {
            for (int size : options.sizes()) {
                harness.runSize(cluster, size);
            }
        }
        List<String> report = new CostReport(harness.cells, harness.profiles, options).lines();
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.write(options.out(), report);
        report.forEach(stdout::println);
        System.exit(0); // the embedded broker leaves non-daemon threads behind
    }

    private void runSize(BenchCluster cluster, int size) throws Exception {
        String group = "cost-" + size;
        String prefix = "idle" + size;
        log("creating %d STOPPED connectors in %s", size, group);
        long started = System.nanoTime();
        try (BenchCluster.Worker worker = cluster.startWorker(group, false, List.of(), List.of())) {
            BenchCluster.createStopped(worker.process(), prefix, 0, size);
            BenchCluster.awaitListed(worker.process(), size, Duration.ofMinutes(10));
        }
        log("created in %d s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        for (int round = 0; round < options.rounds(); round++) {
            // --off-only: two starts with the extension off per round, to see how much one start differs from another.
            boolean[] order = options.offOnly() ? new boolean[] {false, false}
                    : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean extension : order) {
                cells.add(measureCell(cluster, group, prefix, size, extension, round));
            }
        }
    }

    private Cell measureCell(BenchCluster cluster, String group, String prefix, int size, boolean extension,
                             int round) throws Exception {
        String loadBefore = BenchCluster.loadAverage();
        log("%d connectors, extension %s, round %d (load %s)", size, extension ? "on" : "off", round + 1, loadBefore);
        int arrivalsBefore = cluster.receiver().arrivals().size();
        try (BenchCluster.Worker worker = cluster.startWorker(group, extension, List.of(), List.of())) {
            BenchCluster.awaitListed(worker.process(), size, Duration.ofMinutes(10));
            BenchCluster.awaitStopped(worker.process(), size, Duration.ofMinutes(10));
            if (extension) {
                awaitReported(cluster.receiver(), arrivalsBefore, prefix, size);
            }
            Thread.sleep(options.settle().toMillis());
            long settled = options.settle().toSeconds() + awaitJitQuiet(worker.probe());
            Path jfr = options.jfr() ? startJfr(worker, group, extension) : null;
            Instant idleFrom = Instant.now();
            WorkerJvmProbe.Sample before = worker.probe().sample();
            Thread.sleep(options.window().toMillis());
            WorkerJvmProbe.Sample after = worker.probe().sample();
            Received idleReceived = Received.between(cluster.receiver(), idleFrom, Instant.now());
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            logThreads(before, after, seconds);
            Map<String, GroupUse> groups = groups(before, after, seconds);
            groups.forEach((name, use) -> log("  group %-40s %8.1f KB/s %7.4f cores", name, use.allocKBs(),
                    use.cpuCores()));
            if (jfr != null) {
                stopJfr(worker, jfr, size, extension);
            }
            double liveHeap = worker.probe().liveHeapBytes() / 1e6;
            RestLatencyProbe rest = new RestLatencyProbe(worker.process(), prefix, size, 17L * size + round);
            Instant restFrom = Instant.now();
            RestLatencyProbe.Window idle = rest.measure(options.restWindow(), 0);
            Instant streamFrom = Instant.now();
            Received restIdleReceived = Received.between(cluster.receiver(), restFrom, streamFrom);
            RestLatencyProbe.Window stream = rest.measure(options.restWindow(), options.changesPerSecond());
            Received restStreamReceived = Received.between(cluster.receiver(), streamFrom, Instant.now());
            List<Long> failures = new ArrayList<>();
            if (extension) {
                TaskFailureProbe probe = new TaskFailureProbe(cluster.kafka(), cluster.receiver(), 31L * size + round);
                for (int i = 0; i < options.failures(); i++) {
                    failures.add(probe.measure(worker.process(), "fail-" + size + "-" + round + "-" + i, 3_000));
                }
            }
            Cell cell = new Cell(size, extension, round, loadBefore, BenchCluster.loadAverage(),
                    after.processCpuSince(before) / 1e9 / seconds,
                    after.allocatedSince(before, "") / 1e6 / seconds,
                    after.allocatedSince(before, HERDER) / 1e6 / seconds,
                    after.cpuSince(before, HERDER) / 1e9 / seconds,
                    after.allocatedSince(before, EXTENSION) / 1e6 / seconds,
                    after.cpuSince(before, EXTENSION) / 1e9 / seconds,
                    liveHeap, idle, stream, failures, idleReceived, restIdleReceived, restStreamReceived, groups,
                    settled);
            log("cpu %.3f cores, alloc %.2f MB/s (herder %.3f, extension %.3f), heap %.1f MB, failures %s, events "
                            + "(resyncs) received idle %s, REST idle %s, REST under changes %s",
                    cell.cpuCores(), cell.allocMBs(), cell.herderAllocMBs(), cell.extensionAllocMBs(), liveHeap,
                    failures, idleReceived, restIdleReceived, restStreamReceived);
            return cell;
        }
    }

    /**
     * Waits (at most {@link #JIT_WAIT}) until the JIT compilers use less than {@link #JIT_QUIET_CORES} over
     * {@link #JIT_PROBE}: a worker some minutes after its start still compiles what its start ran (Connect's start
     * of every connector; with the extension also its first report of every connector), which is warm-up, not what
     * the worker costs idle, and varies most between starts. Off and on alike.
     *
     * @return the seconds waited
     */
    private static long awaitJitQuiet(WorkerJvmProbe probe) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < JIT_WAIT.toNanos()) {
            WorkerJvmProbe.Sample before = probe.sample();
            Thread.sleep(JIT_PROBE.toMillis());
            double jit = groups(before, probe.sample(), JIT_PROBE.toMillis() / 1e3).get(WorkerThreadGroups.JIT)
                    .cpuCores();
            log("  JIT compilers %.4f cores", jit);
            if (jit < JIT_QUIET_CORES) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started).toSeconds();
    }

    private static Map<String, GroupUse> groups(WorkerJvmProbe.Sample before, WorkerJvmProbe.Sample after,
                                                double seconds) {
        Map<String, GroupUse> groups = new LinkedHashMap<>();
        WorkerThreadGroups.spending(before, after).forEach((group, sums) ->
                groups.put(group, new GroupUse(sums[0] / 1e9 / seconds, sums[1] / 1e3 / seconds)));
        return groups;
    }

    /** The threads that allocated or computed most in the window, on stderr (for finding out why). */
    private static void logThreads(WorkerJvmProbe.Sample before, WorkerJvmProbe.Sample after, double seconds) {
        after.threads().entrySet().stream()
                .map(e -> {
                    WorkerJvmProbe.ThreadUse earlier = before.threads().getOrDefault(e.getKey(),
                            new WorkerJvmProbe.ThreadUse("", 0, 0));
                    return new WorkerJvmProbe.ThreadUse(e.getValue().name(),
                            e.getValue().allocatedBytes() - earlier.allocatedBytes(),
                            e.getValue().cpuNanos() - earlier.cpuNanos());
                })
                .sorted((a, b) -> Long.compare(b.allocatedBytes() + b.cpuNanos() / 100,
                        a.allocatedBytes() + a.cpuNanos() / 100))
                .limit(12)
                .forEach(t -> log("  thread %-58s %8.1f KB/s %7.4f cores", t.name(), t.allocatedBytes() / 1e3 / seconds,
                        t.cpuNanos() / 1e9 / seconds));
    }

    private static void awaitReported(RecordingHttpsReceiver receiver, int from, String prefix, int size)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordingHttpsReceiver.Arrival> arrivals = receiver.arrivals();
            long reported = arrivals.subList(from, arrivals.size()).stream().map(a -> a.event().subject())
                    .filter(subject -> subject != null && subject.startsWith(prefix)).distinct().count();
            if (reported >= size) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not all " + size + " connectors reported within 10 min");
    }

    private Path startJfr(BenchCluster.Worker worker, String group, boolean extension) throws Exception {
        Path file = Files.createTempFile(group + "-" + (extension ? "on" : "off"), ".jfr");
        worker.probe().jcmd("JFR.start", "name=idle", "settings=" + CompilationProfile.settings(), "filename=" + file);
        return file;
    }

    private void stopJfr(BenchCluster.Worker worker, Path file, int size, boolean extension) throws Exception {
        worker.probe().jcmd("JFR.stop", "name=idle");
        profiles.add(String.format("%d connectors, extension %s (%s):", size, extension ? "on" : "off", file));
        profiles.addAll(AllocationProfile.summarize(file, HERDER, 6));
        profiles.addAll(AllocationProfile.summarize(file, EXTENSION, 6));
        profiles.addAll(ExecutionProfile.summarize(file, 5));
        profiles.addAll(CompilationProfile.summarize(file));
    }

    static double median(List<Cell> cells, ToDoubleFunction<Cell> value) {
        return BenchStats.median(cells.stream().map(c -> value.applyAsDouble(c)).toList());
    }

    static void log(String format, Object... args) {
        System.err.printf("[extension-idle] " + format + "%n", args);
    }
}
