package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the extension costs a worker with many connectors (not a test: {@code benchmarks/extension-latency.sh
 * --scale} runs it; results go to BENCHMARKS.md). One KRaft broker and one {@code EmbeddedConnectCluster} worker
 * run N idle FileStreamSource connectors (1 task each, reading {@code /dev/null}); once they all run (and, with
 * the extension, once every one has been reported), a steady window of W seconds without changes measures:
 * the reconcile passes (herder reads per pass and their duration, from the extension's DEBUG pass line), the
 * CPU of the whole JVM and of the extension's own threads and the herder's tick thread, and the latency of the
 * worker's own REST API ({@code GET /connectors/{name}/config}, which waits for the herder's tick thread, and
 * {@code GET /connectors/{name}/status}, which does not), polled every 20 ms. The same with the extension
 * disabled ({@code enabled=false}) is the baseline.
 *
 * <p>In the test scope for the same reason as {@link ExtensionLatencyHarness}.
 */
final class ExtensionScaleHarness {

    private static final Pattern PASS = Pattern.compile(
            "Reconcile pass over (\\d+) connectors: (\\d+) herder reads in (\\d+) ms, compared in (\\d+) ms");
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final long REST_POLL_MS = 20;

    private final int connectors;
    private final boolean extension;
    private final int windowSeconds;
    private final Random random = new Random(7);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> row = new ArrayList<>();

    private ExtensionScaleHarness(int connectors, boolean extension, int windowSeconds) {
        this.connectors = connectors;
        this.extension = extension;
        this.windowSeconds = windowSeconds;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(200, 500);
        List<Boolean> modes = List.of(false, true);
        int window = 30;
        Path out = Path.of("target", "extension-scale.md");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--connectors" -> sizes = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--extension" -> modes = Arrays.stream(args[i + 1].split(",")).map("on"::equals).toList();
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --connectors 200,500 --extension off,on --window SECONDS --out FILE");
            }
        }
        List<String> report = new ArrayList<>();
        report.add("| connectors | extension | passes in window | herder reads / pass | pass: herder reads ms "
                + "(p50, max) | pass: compare ms (p50, max) | JVM CPU (cores) | extension threads CPU (cores) | "
                + "herder thread CPU (cores) | GET config p50 / p95 / max ms | GET status p50 / p95 / max ms |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            for (boolean mode : modes) {
                ExtensionScaleHarness harness = new ExtensionScaleHarness(size, mode, window);
                harness.run();
                report.add("| " + String.join(" | ", harness.row) + " |");
                System.out.println(report.get(report.size() - 1));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
        System.exit(0); // the embedded cluster leaves non-daemon threads behind
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("extension-scale");
        TestPki pki = TestPki.create(dir, "usm-scale");
        RecordingHttpsReceiver receiver = new RecordingHttpsReceiver(pki.serverContext());
        Map<String, String> workerProps = new HashMap<>(pki.workerProps(receiver.baseUrl()));
        workerProps.put("rest.extension.classes", MetadataEventsRestExtension.class.getName());
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("group.id", "usm-scale");
        workerProps.put(MetadataEventsConfig.ENABLED_CONFIG, String.valueOf(extension));
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("usm-scale-" + connectors)
                .numWorkers(1).numBrokers(1).workerProps(workerProps).build();
        try (CapturedLogs logs = CapturedLogs.start()) {
            connect.start();
            connect.kafka().createTopic("scale-topic", 1);
            long created = System.nanoTime();
            createAll(connect);
            awaitAllRunning(connect);
            if (extension) {
                awaitAllReported(receiver);
            }
            System.out.printf("%d connectors running%s after %d s%n", connectors, extension ? " and reported" : "",
                    Duration.ofNanos(System.nanoTime() - created).toSeconds());
            Thread.sleep(5_000); // let the creates' rebalances and recheck windows end
            measureWindow(connect, logs);
        } finally {
            connect.stop();
            receiver.close();
        }
    }

    private void createAll(EmbeddedConnectCluster connect) throws Exception {
        // In parallel: the herder serialises the writes anyway, and the rebalances of many creates coalesce.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < connectors; i++) {
                Map<String, String> config = Map.of("connector.class", FileStreamSourceConnector.class.getName(),
                        "tasks.max", "1", "file", "/dev/null", "topic", "scale-topic");
                String name = name(i);
                calls.add(pool.submit(() -> connect.configureConnector(name, config)));
            }
            for (Future<String> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitAllRunning(EmbeddedConnectCluster connect) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String url = connect.endpointForResource("connectors?expand=status");
        while (System.nanoTime() < deadline) {
            String body = get(url).body();
            // Every connector and its one task: 2 states per connector.
            int running = countOf(body, "\"state\":\"RUNNING\"");
            if (running >= 2 * connectors) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not all " + connectors + " connectors running within " + DEADLINE);
    }

    private void awaitAllReported(RecordingHttpsReceiver receiver) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> reported = receiver.arrivals().stream()
                    .filter(a -> a.event().payload() instanceof ConnectorSnapshot s && !s.tasks().isEmpty()
                            && s.tasks().stream().allMatch(t -> t.state()
                            == io.connectusm.events.ConnectorState.RUNNING))
                    .map(a -> a.event().subject()).collect(Collectors.toSet());
            if (reported.size() >= connectors) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not all " + connectors + " connectors reported within " + DEADLINE);
    }

    private void measureWindow(EmbeddedConnectCluster connect, CapturedLogs logs) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int logsFrom = logs.lines().size();
        Map<Long, Long> extensionCpu = threadCpu(threads, "connect-usm-metadata-events");
        Map<Long, Long> herderCpu = threadCpu(threads, "DistributedHerder");
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(windowSeconds).toNanos();
        List<Long> configMillis = new ArrayList<>();
        List<Long> statusMillis = new ArrayList<>();
        boolean config = true;
        while (System.nanoTime() < end) {
            String name = name(random.nextInt(connectors));
            String url = connect.endpointForResource("connectors/" + name + (config ? "/config" : "/status"));
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(url);
            long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            (config ? configMillis : statusMillis).add(took);
            config = !config;
            Thread.sleep(REST_POLL_MS);
        }
        double wallNanos = System.nanoTime() - start;
        double jvmCores = (os.getProcessCpuTime() - cpuStart) / wallNanos;
        double extensionCores = cpuSince(threads, "connect-usm-metadata-events", extensionCpu) / wallNanos;
        double herderCores = cpuSince(threads, "DistributedHerder", herderCpu) / wallNanos;

        List<Long> readMillis = new ArrayList<>();
        List<Long> compareMillis = new ArrayList<>();
        List<Long> herderReads = new ArrayList<>();
        for (String line : logs.lines().subList(logsFrom, logs.lines().size())) {
            Matcher m = PASS.matcher(line);
            if (m.find()) {
                herderReads.add(Long.parseLong(m.group(2)));
                readMillis.add(Long.parseLong(m.group(3)));
                compareMillis.add(Long.parseLong(m.group(4)));
            }
        }
        row.add(String.valueOf(connectors));
        row.add(extension ? "on" : "off");
        row.add(extension ? String.valueOf(readMillis.size()) : "–");
        row.add(extension ? String.format("%.0f", herderReads.stream().mapToLong(Long::longValue).average()
                .orElse(0)) : "–");
        row.add(extension ? p50AndMax(readMillis) : "–");
        row.add(extension ? p50AndMax(compareMillis) : "–");
        row.add(String.format("%.2f", jvmCores));
        row.add(extension ? String.format("%.3f", extensionCores) : "–");
        row.add(String.format("%.3f", herderCores));
        row.add(percentiles(configMillis));
        row.add(percentiles(statusMillis));
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads, String namePart) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(namePart)) {
                cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    private static long cpuSince(ThreadMXBean threads, String namePart, Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : threadCpu(threads, namePart).entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String name(int i) {
        return String.format("scale-%04d", i);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String p50AndMax(List<Long> values) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return percentile(sorted, 50) + ", " + sorted.get(sorted.size() - 1);
    }

    private static String percentiles(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return percentile(sorted, 50) + " / " + percentile(sorted, 95) + " / " + sorted.get(sorted.size() - 1)
                + " (n=" + sorted.size() + ")";
    }

    /** Nearest-rank percentile of a sorted list. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
