package io.connectusm.extension;

import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The latency and inbound-load benchmark of the extension (not a test: {@code benchmarks/extension-latency.sh}
 * runs it; results go to BENCHMARKS.md). A real KRaft broker and {@code EmbeddedConnectCluster} workers with the
 * extension at its defaults report to the real mTLS receiver. For each of N iterations one connector goes through
 * create, config PATCH, pause, resume, stop and delete over REST; separately, N sink connectors each get a task
 * failure that REST never sees (a record their converter cannot read), found by the reconcile pass.
 *
 * <p>Per change it measures the start of the REST call (for the failure: the start of producing the poison
 * record) to the first matching event at the receiver, then waits until every worker has reported the settled
 * state, and counts the events and bytes received for that connector from the call's start to the next call's
 * (a request's bytes are shared out over the connectors its events are about).
 *
 * <p>Lives in this module's test scope because it drives the same fixtures as the tests (receiver, certificates,
 * the embedded cluster from Kafka's test jars); the JMH uber-JAR of the benchmarks module stays free of Kafka.
 */
final class ExtensionLatencyHarness {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** One kind of change: its name, the first event that shows it, and the state every worker settles on. */
    private record Change(String name, Predicate<MetadataEvent> first, Predicate<MetadataEvent> settled) {
    }

    /** One measured change. */
    private record Sample(long latencyMillis, int events, long bytes) {
    }

    private final int workers;
    /** Seeded: the same failure timings on every run. */
    private final Random random = new Random(42);
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private EmbeddedConnectCluster connect;
    private RecordingHttpsReceiver receiver;
    private Path dir;

    private ExtensionLatencyHarness(int workers) {
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = BenchCluster.takeStdout();
        int iterations = 50;
        int failures = 20;
        List<Integer> workerCounts = List.of(1, 3);
        Path out = Path.of("target", "extension-latency.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    iterations = 10;
                    failures = 5;
                    workerCounts = List.of(1);
                }
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--failures" -> failures = Integer.parseInt(args[++i]);
                case "--workers" -> workerCounts = java.util.Arrays.stream(args[++i].split(","))
                        .map(Integer::parseInt).toList();
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --quick --iterations N --failures N --workers 1,3 --out FILE");
            }
        }
        List<String> report = new ArrayList<>();
        for (int count : workerCounts) {
            ExtensionLatencyHarness harness = new ExtensionLatencyHarness(count);
            long started = System.nanoTime();
            harness.run(iterations, failures);
            report.add("");
            report.add(String.format("### %d worker%s (%d iterations, %d task failures, %d s)", count,
                    count == 1 ? "" : "s", iterations, failures,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            report.add("");
            report.addAll(harness.table());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
        report.forEach(stdout::println);
        System.exit(0); // the embedded cluster leaves non-daemon threads behind
    }

    private void run(int iterations, int failures) throws Exception {
        dir = Files.createTempDirectory("extension-latency");
        WorkerPki pki = WorkerPki.create(dir, "usm-latency");
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        Map<String, String> workerProps = pki.embeddedWorkerProps(receiver.baseUrl(), "usm-latency");
        connect = new EmbeddedConnectCluster.Builder().name("usm-latency-" + workers).numWorkers(workers)
                .numBrokers(1).workerProps(workerProps).build();
        try {
            connect.start();
            connect.kafka().createTopic("latency-topic", 1);
            for (int i = 0; i < iterations; i++) {
                lifecycle("lat-" + i);
            }
            for (int i = 0; i < failures; i++) {
                taskFailure("fail-" + i);
            }
        } finally {
            connect.stop();
            receiver.close();
        }
    }

    private void lifecycle(String name) throws Exception {
        Path file = Files.createFile(dir.resolve(name + ".txt"));
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", "latency-topic");
        measure(new Change("create", snapshot(name, s -> true), snapshot(name, ExtensionLatencyHarness::running)),
                name, () -> connect.configureConnector(name, config));
        measure(new Change("config PATCH", snapshot(name, s -> "2048".equals(s.config().get("batch.size"))),
                        snapshot(name, s -> "2048".equals(s.config().get("batch.size")) && running(s))),
                name, () -> connect.patchConnectorConfig(name, Map.of("batch.size", "2048")));
        measure(new Change("pause", snapshot(name, s -> s.state() == ConnectorState.PAUSED),
                        snapshot(name, s -> s.state() == ConnectorState.PAUSED
                                && s.tasks().stream().allMatch(t -> t.state() == ConnectorState.PAUSED))),
                name, () -> connect.pauseConnector(name));
        measure(new Change("resume", snapshot(name, s -> s.state() == ConnectorState.RUNNING),
                        snapshot(name, ExtensionLatencyHarness::running)),
                name, () -> connect.resumeConnector(name));
        measure(new Change("stop", snapshot(name, s -> s.state() == ConnectorState.STOPPED),
                        snapshot(name, s -> s.state() == ConnectorState.STOPPED)),
                name, () -> connect.stopConnector(name));
        Predicate<MetadataEvent> deleted = e -> name.equals(e.subject()) && e.payload() instanceof ConnectorDeleted;
        measure(new Change("delete", deleted, deleted), name, () -> connect.deleteConnector(name));
    }

    private void taskFailure(String name) throws Exception {
        String topic = name + "-topic";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("file", dir.resolve(name + ".out").toString());
        // Fails the task on a record that is not JSON: a failure no REST call causes or sees.
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        long created = System.nanoTime();
        connect.configureConnector(name, config);
        awaitSettled(name, snapshot(name, ExtensionLatencyHarness::running), Instant.now(), 0);
        // The create opened a REST recheck window, whose 100 ms polls would find the failure: let it close, so
        // the failure is found the way it is in production, by the reconcile pass. Then a random part of one
        // reconcile interval, so the failure does not always fall at the same point of the reconcile schedule.
        long windowEnds = created + TimeUnit.MILLISECONDS.toNanos(RecheckWindows.RECHECK_WINDOW_MS + 500
                + random.nextInt((int) MetadataEventsConfig.RECONCILE_INTERVAL_MS_DEFAULT));
        TimeUnit.NANOSECONDS.sleep(Math.max(0, windowEnds - System.nanoTime()));
        measure(new Change("task failure (reconcile)",
                        snapshot(name, s -> s.tasks().stream().anyMatch(t -> t.state() == ConnectorState.FAILED)),
                        snapshot(name, s -> s.tasks().stream().anyMatch(t -> t.state() == ConnectorState.FAILED))),
                name, () -> connect.kafka().produce(topic, "poison", "{not json"));
        connect.deleteConnector(name);
        awaitSettled(name, e -> name.equals(e.subject()) && e.payload() instanceof ConnectorDeleted, Instant.now(),
                0);
    }

    private void measure(Change change, String connector, Runnable call) throws Exception {
        int from = receiver.arrivals().size();
        Instant start = Instant.now();
        call.run();
        Instant firstAt = awaitFirst(change.first(), from, change.name() + " of " + connector);
        awaitSettled(connector, change.settled(), start, from);
        int to = receiver.arrivals().size();
        int events = (int) receiver.arrivals().subList(from, to).stream()
                .filter(a -> connector.equals(a.event().subject())).count();
        long bytes = receiver.requests().stream().filter(r -> !r.at().isBefore(start) && r.answeredStatus() / 100 == 2)
                .mapToLong(r -> {
                    long mine = r.events().stream().filter(e -> connector.equals(e.subject())).count();
                    return r.events().isEmpty() ? 0 : r.body().length * mine / r.events().size();
                }).sum();
        samples.computeIfAbsent(change.name(), k -> new ArrayList<>())
                .add(new Sample(Duration.between(start, firstAt).toMillis(), events, bytes));
    }

    private Instant awaitFirst(Predicate<MetadataEvent> condition, int from, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordingHttpsReceiver.Arrival> arrivals = receiver.arrivals();
            for (int i = from; i < arrivals.size(); i++) {
                if (condition.test(arrivals.get(i).event())) {
                    return arrivals.get(i).at();
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no event for " + what + " within " + DEADLINE);
    }

    /** Waits until every worker has reported the settled state (each worker observes the whole cluster). */
    private void awaitSettled(String connector, Predicate<MetadataEvent> settled, Instant start, int from)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordingHttpsReceiver.Arrival> arrivals = receiver.arrivals();
            Set<String> reporters = arrivals.subList(from, arrivals.size()).stream()
                    .filter(a -> settled.test(a.event())).map(a -> a.event().workerId()).collect(Collectors.toSet());
            if (reporters.size() >= workers) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not every worker reported " + connector + " settled within " + DEADLINE);
    }

    private static boolean running(ConnectorSnapshot s) {
        return s.state() == ConnectorState.RUNNING && !s.tasks().isEmpty()
                && s.tasks().stream().allMatch(t -> t.state() == ConnectorState.RUNNING);
    }

    private static Predicate<MetadataEvent> snapshot(String name, Predicate<ConnectorSnapshot> condition) {
        return e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s && condition.test(s);
    }

    private List<String> table() {
        List<String> rows = new ArrayList<>();
        rows.add("| change | n | p50 ms | p95 ms | max ms | events / change (mean, max) | bytes / change (mean) |");
        rows.add("|---|---|---|---|---|---|---|");
        samples.forEach((change, list) -> {
            List<Long> sorted = list.stream().map(Sample::latencyMillis).sorted(Comparator.naturalOrder()).toList();
            rows.add(String.format("| %s | %d | %d | %d | %d | %.1f, %d | %d |", change, list.size(),
                    percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1),
                    list.stream().mapToInt(Sample::events).average().orElse(0),
                    list.stream().mapToInt(Sample::events).max().orElse(0),
                    Math.round(list.stream().mapToLong(Sample::bytes).average().orElse(0))));
        });
        return rows;
    }

    /** Nearest-rank percentile of a sorted list. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
