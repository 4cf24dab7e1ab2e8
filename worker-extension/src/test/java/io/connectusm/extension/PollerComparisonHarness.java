package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Push vs polling (issue #17; {@code benchmarks/extension-pollers.sh} runs it): how soon a task failure and a config
 * change are known, and what knowing costs the worker, with the extension's push pipeline (extension on, nothing
 * polling) and with a monitoring tool polling the worker's REST API every 30 s the two ways Kpow does it
 * ({@link KpowStylePoller}, extension off). One {@code ConnectDistributed} JVM with N STOPPED FileStreamSource
 * connectors (100 and 1,000); per mode, in rotating order: worker CPU and allocation over the window, the REST
 * requests per minute and response bytes the mode costs the worker, and for each injected change (alternately a
 * task failure — a record a running sink's converter cannot read — and a config PUT on a random connector) the
 * time until the mode knows it: the event at the receiver, or the end of the first poll that shows it.
 */
final class PollerComparisonHarness {

    enum Mode {
        PUSH("push (extension)"), V1("poller v1: per connector"), V2("poller v2: expand=status&expand=info");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    record Run(int connectors, Mode mode, String load, double minutes, double cpuCores, double allocMBs,
               double requestsPerMinute, double kbPerMinute, double pushKbPerMinute, List<Long> failureMillis,
               List<Long> configMillis) {
    }

    private final List<Integer> sizes;
    private final int rounds;
    private final long intervalMillis;
    private final int changes;
    private final Path zip;
    private final Random random = new Random(17);
    private final List<Run> runs = new ArrayList<>();

    private PollerComparisonHarness(List<Integer> sizes, int rounds, long intervalMillis, int changes, Path zip) {
        this.sizes = sizes;
        this.rounds = rounds;
        this.intervalMillis = intervalMillis;
        this.changes = changes;
        this.zip = zip;
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = BenchCluster.takeStdout();
        List<Integer> sizes = List.of(100, 1000);
        int rounds = 1;
        long interval = 30_000;
        int changes = 4;
        Path zip = Path.of(System.getProperty("plugin.zip", "worker-extension/target/plugin.zip"));
        Path out = Path.of("worker-extension", "target", "extension-pollers.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    sizes = List.of(100);
                    changes = 2;
                }
                case "--connectors" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--interval" -> interval = Long.parseLong(args[++i]) * 1000;
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--plugin-zip" -> zip = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --quick "
                        + "--connectors 100,1000 --rounds N --interval SECONDS --changes N --plugin-zip ZIP --out FILE");
            }
        }
        PollerComparisonHarness harness = new PollerComparisonHarness(sizes, rounds, interval, changes, zip);
        harness.run();
        List<String> report = harness.report();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
        report.forEach(stdout::println);
        System.exit(0); // the embedded broker leaves non-daemon threads behind
    }

    private void run() throws Exception {
        try (BenchCluster cluster = new BenchCluster(zip)) {
            for (int size : sizes) {
                String group = "poll-" + size;
                String prefix = "poll" + size;
                try (BenchCluster.Worker worker = cluster.startWorker(group, false, List.of(), List.of())) {
                    BenchCluster.createStopped(worker.process(), prefix, 0, size);
                    BenchCluster.awaitListed(worker.process(), size, Duration.ofMinutes(10));
                }
                for (int round = 0; round < rounds; round++) {
                    for (int m = 0; m < Mode.values().length; m++) {
                        Mode mode = Mode.values()[(m + round) % Mode.values().length];
                        runs.add(runMode(cluster, group, prefix, size, mode, round));
                    }
                }
            }
        }
    }

    private Run runMode(BenchCluster cluster, String group, String prefix, int size, Mode mode, int round)
            throws Exception {
        String load = BenchCluster.loadAverage();
        ExtensionCostHarness.log("%d connectors, %s, round %d (load %s)", size, mode.label, round + 1, load);
        int arrivalsBefore = cluster.receiver().arrivals().size();
        try (BenchCluster.Worker worker = cluster.startWorker(group, mode == Mode.PUSH, List.of(), List.of())) {
            BenchCluster.awaitListed(worker.process(), size, Duration.ofMinutes(10));
            List<String> sinks = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                String sink = "pf-" + size + "-" + mode.ordinal() + "-" + round + "-" + i;
                sinks.add(sink);
                TaskFailureProbe.createFailingSink(cluster.kafka(), worker.process(), sink);
            }
            Thread.sleep(20_000); // the creates' rebalances and REST windows settle
            KpowStylePoller poller = mode == Mode.PUSH ? null : new KpowStylePoller(worker.process(),
                    mode == Mode.V1 ? KpowStylePoller.Version.V1 : KpowStylePoller.Version.V2);
            if (poller != null) {
                poller.start((long) (random.nextDouble() * intervalMillis), intervalMillis);
                Thread.sleep(intervalMillis + 5_000); // the first poll is the baseline
            }
            long requestsBefore = poller == null ? 0 : poller.requests();
            long bytesBefore = poller == null ? 0 : poller.bytes();
            int receivedBefore = cluster.receiver().requests().size();
            WorkerJvmProbe.Sample before = worker.probe().sample();
            List<Long> failures = new ArrayList<>();
            List<Long> configs = new ArrayList<>();
            for (int i = 0; i < 2 * changes; i++) {
                Thread.sleep(2_000 + (long) (random.nextDouble() * intervalMillis));
                if (i % 2 == 0) {
                    failures.add(injectFailure(cluster, poller, sinks.get(i / 2)));
                } else {
                    configs.add(injectConfigChange(cluster, worker.process(), poller, prefix, size, i));
                }
            }
            WorkerJvmProbe.Sample after = worker.probe().sample();
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            double minutes = seconds / 60;
            long pushBytes = cluster.receiver().requests().subList(receivedBefore, cluster.receiver().requests().size())
                    .stream().mapToLong(r -> r.body().length).sum();
            Run run = new Run(size, mode, load, minutes, after.processCpuSince(before) / 1e9 / seconds,
                    after.allocatedSince(before, "") / 1e6 / seconds,
                    poller == null ? 0 : (poller.requests() - requestsBefore) / minutes,
                    poller == null ? 0 : (poller.bytes() - bytesBefore) / 1e3 / minutes,
                    pushBytes / 1e3 / minutes, failures, configs);
            ExtensionCostHarness.log("%s", run);
            if (poller != null) {
                poller.close();
            }
            for (String sink : sinks) {
                worker.process().send("DELETE", "/connectors/" + sink, null);
            }
            return run;
        }
    }

    private long injectFailure(BenchCluster cluster, KpowStylePoller poller, String sink) throws Exception {
        Instant at = Instant.now();
        TaskFailureProbe.poison(cluster.kafka(), sink);
        return awaitKnown(at, poller == null ? () -> pushed(cluster, at, sink, s -> s.tasks().stream()
                .anyMatch(t -> t.state() == ConnectorState.FAILED)) : () -> poller.firstSeen("failed:" + sink));
    }

    private long injectConfigChange(BenchCluster cluster, ConnectWorkerProcess worker, KpowStylePoller poller,
                                    String prefix, int size, int i) throws Exception {
        String name = BenchCluster.name(prefix, random.nextInt(size));
        String revision = "r" + i + "-" + random.nextInt(1_000_000);
        String body = "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\","
                + "\"tasks.max\":\"1\",\"file\":\"/dev/null\",\"topic\":\"" + BenchCluster.SOURCE_TOPIC + "\","
                + "\"bench.revision\":\"" + revision + "\"}";
        Instant at = Instant.now();
        int status = worker.send("PUT", "/connectors/" + name + "/config", body).statusCode();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("PUT config of " + name + " answered " + status);
        }
        return awaitKnown(at, poller == null ? () -> pushed(cluster, at, name,
                s -> revision.equals(s.config().get("bench.revision")))
                : () -> poller.firstSeen("config:" + name + ":bench.revision=" + revision));
    }

    private static Instant pushed(BenchCluster cluster, Instant after, String name,
                                  java.util.function.Predicate<ConnectorSnapshot> matching) {
        return cluster.receiver().arrivals().stream().filter(a -> !a.at().isBefore(after)
                        && name.equals(a.event().subject()) && a.event().payload() instanceof ConnectorSnapshot s
                        && matching.test(s))
                .map(RecordingHttpsReceiver.Arrival::at).findFirst().orElse(null);
    }

    private long awaitKnown(Instant at, Supplier<Instant> known) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(3 * intervalMillis + 60_000).toNanos();
        while (System.nanoTime() < deadline) {
            Instant seen = known.get();
            if (seen != null) {
                return Duration.between(at, seen).toMillis();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("a change made at " + at + " was not known within the deadline");
    }

    private List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Machine: %d cores, %s %s; %s UTC. Poll interval %d s, %d task failures and %d config "
                        + "changes per mode and round, %d round(s), modes in rotating order.",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                intervalMillis / 1000, changes, changes, rounds));
        lines.add("");
        lines.add("| connectors | mode | load avg | task failure known after, ms: p50 / max | config change known "
                + "after, ms: p50 / max | REST requests / min on the worker | response KB / min | worker CPU (cores) "
                + "| worker allocation MB/s | events sent to the agent, KB / min |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            lines.add(String.format("| %d | %s | %s | %.0f / %.0f | %.0f / %.0f | %.0f | %.0f | %.3f | %.2f | %.1f |",
                    r.connectors(), r.mode().label, r.load(), BenchStats.median(r.failureMillis()),
                    BenchStats.max(r.failureMillis()), BenchStats.median(r.configMillis()),
                    BenchStats.max(r.configMillis()), r.requestsPerMinute(), r.kbPerMinute(), r.cpuCores(),
                    r.allocMBs(), r.pushKbPerMinute()));
        }
        lines.add("");
        lines.add("Against push (median over rounds): time to know, and the worker's CPU and allocation:");
        lines.add("");
        lines.add("| connectors | mode | task failure: × push | config change: × push | worker CPU: × push "
                + "| allocation: × push |");
        lines.add("|---|---|---|---|---|---|");
        for (int size : sizes) {
            List<Run> push = of(size, Mode.PUSH);
            for (Mode mode : List.of(Mode.V1, Mode.V2)) {
                List<Run> polled = of(size, mode);
                lines.add(String.format("| %d | %s | %s | %s | %s | %s |", size, mode.label,
                        BenchStats.ratio(medianOf(polled, true), medianOf(push, true)),
                        BenchStats.ratio(medianOf(polled, false), medianOf(push, false)),
                        BenchStats.ratio(BenchStats.median(polled.stream().map(Run::cpuCores).toList()),
                                BenchStats.median(push.stream().map(Run::cpuCores).toList())),
                        BenchStats.ratio(BenchStats.median(polled.stream().map(Run::allocMBs).toList()),
                                BenchStats.median(push.stream().map(Run::allocMBs).toList()))));
            }
        }
        return lines;
    }

    private List<Run> of(int size, Mode mode) {
        return runs.stream().filter(r -> r.connectors() == size && r.mode() == mode).toList();
    }

    private static double medianOf(List<Run> runs, boolean failures) {
        return BenchStats.median(runs.stream().flatMap(r -> (failures ? r.failureMillis() : r.configMillis()).stream())
                .toList());
    }
}
