package io.connectusm.benchmarks;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Ingest throughput and latency of a real {@code usm-agent} (run by {@code benchmarks/agent-ingest.sh}).
 *
 * <p>Per run: a fresh agent in this JVM on loopback (free ports, real mTLS with certs-tooling certificates, a
 * static registrations file, a new spool directory, no {@code endpoint.url}: events are spooled and never
 * forwarded, so the spool only grows by coalescing). {@code C} client threads, each with its own JDK
 * {@link HttpClient} (HTTP/1.1 keep-alive, one connection, the worker certificate), POST batches of {@code B}
 * connector snapshots back to back for {@code D} seconds and time each POST until its 204.
 *
 * <p>The connectors ({@code K} per run) are split between the clients like connectors between workers; every
 * connector gets a new config revision at every pass of its client, so no event repeats the state before it
 * (the spool would deduplicate it): every event is stored, then coalesced away beyond
 * {@code spool.history.size} pending states per connector. The clients encode their batches as workers do
 * (a few per cent of one core); their TLS and HTTP work runs in this process too.
 *
 * <p>At the end of a run: accepted events/s, 204 latency percentiles, other statuses and errors, the agent's
 * counters (from its {@code /metrics}), the spool file's size, CPU time by thread group during the window, and
 * heap used after {@code System.gc()} minus the same figure before the agent started (approximate: the JVM also
 * holds the clients and the harness).
 */
public final class AgentIngestHarness {

    private static final ClusterRef CLUSTER = new ClusterRef("4k0R9d1GTS5tI9f4Y2xZ0Q", "connect-bench");
    private static final int CONFIG_ENTRIES = 40;
    private static final int TASKS = 4;
    private static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00Z");
    private static final EventCodec CODEC = new EventCodec();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private record RunSpec(String label, int clients, int batch, int connectors, int seconds, int history, boolean report) {
    }

    private record Result(RunSpec spec, long ok, long events, double seconds, long[] latenciesNanos,
            Map<Integer, Long> otherStatuses, long errors, String firstError, Map<String, Double> metrics,
            long spoolFileBytes, long spoolFileBytesClosed, long heapDeltaBytes, long heapAfterBytes,
            Map<String, Double> cpu) {
    }

    private final Path root;
    private final LeafFiles server;
    private final LeafFiles client;
    private final String provider;

    private AgentIngestHarness(Path root, String provider) {
        this.root = root;
        this.provider = provider;
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("bench CA"));
        this.server = LeafFiles.write(root.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        // identity.mode=cluster: the worker certificate's CN names the Connect cluster its events claim.
        this.client = LeafFiles.write(root.resolve("client"), ca.issue(LeafSpec.client(CLUSTER.connectClusterId())
                .build()), ca, WriteMode.FAIL_IF_EXISTS);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("duration", "20"));
        int[] clients = ints(options.getOrDefault("clients", "1,4,16"));
        int[] batches = ints(options.getOrDefault("batches", "1,50"));
        int connectors = Integer.parseInt(options.getOrDefault("connectors", "1000"));
        int bigConnectors = Integer.parseInt(options.getOrDefault("big-connectors", "10000"));
        int bigSeconds = Integer.parseInt(options.getOrDefault("big-duration", "30"));
        int bigClients = Integer.parseInt(options.getOrDefault("big-clients", "16"));
        int bigBatch = Integer.parseInt(options.getOrDefault("big-batch", "50"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "8"));
        String provider = options.getOrDefault("provider", "auto");
        if (seconds > 30 || bigSeconds > 30) {
            throw new IllegalArgumentException("each run is bounded to 30 s");
        }

        Path root = Files.createTempDirectory("agent-ingest-");
        AgentIngestHarness harness = new AgentIngestHarness(root, provider);
        List<RunSpec> runs = new ArrayList<>();
        if (warmup > 0) {
            runs.add(new RunSpec("warm-up (not reported)", 4, 50, connectors, warmup, 0, false));
        }
        for (int b : batches) {
            for (int c : clients) {
                runs.add(new RunSpec("C=" + c + " B=" + b, c, b, connectors, seconds, 0, true));
            }
        }
        if (bigConnectors > 0) {
            runs.add(new RunSpec("C=" + bigClients + " B=" + bigBatch + " K=" + bigConnectors, bigClients, bigBatch,
                    bigConnectors, bigSeconds, 0, true));
            for (int history : ints(options.getOrDefault("big-history", "1"))) {
                runs.add(new RunSpec("C=" + bigClients + " B=" + bigBatch + " K=" + bigConnectors + " history=" + history,
                        bigClients, bigBatch, bigConnectors, bigSeconds, history, true));
            }
        }
        System.out.printf(Locale.ROOT, "agent ingest harness: %d runs, %s, ssl.provider=%s, temp dir %s%n", runs.size(),
                machine(), provider, root);
        List<Result> results = new ArrayList<>();
        try {
            int index = 0;
            for (RunSpec run : runs) {
                Result result = harness.run(run, root.resolve("run-" + index++));
                print(result);
                if (run.report()) {
                    results.add(result);
                }
            }
        } finally {
            deleteTree(root);
        }
        String table = table(results);
        System.out.println();
        System.out.println(table);
        Path out = Path.of(options.getOrDefault("out", "benchmarks/target/agent-ingest.md"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, machine() + "\n\n" + table);
        System.out.println("written to " + out.toAbsolutePath());
        // The JDK HttpClients' selector threads are not daemons until their clients are collected.
        System.exit(0);
    }

    private Result run(RunSpec spec, Path directory) throws Exception {
        Files.createDirectories(directory);
        Path spoolDir = directory.resolve("spool");
        Path registrations = directory.resolve("registrations.json");
        Files.writeString(registrations, registrationsJson());

        long heapBefore = heapAfterGc();

        Map<String, String> config = new HashMap<>();
        String password = "${file:" + server.passwordFile() + ":jksPassword}";
        config.put(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
        config.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString());
        config.put(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.SSL_PROVIDER_CONFIG, provider);
        config.put(AgentConfig.DATA_HOST_CONFIG, "127.0.0.1");
        config.put(AgentConfig.DATA_PORT_CONFIG, "0");
        config.put(AgentConfig.CONTROL_PORT_CONFIG, "0");
        config.put(AgentConfig.SPOOL_DIR_CONFIG, spoolDir.toString());
        config.put(AgentConfig.REGISTRATIONS_FILE_CONFIG, registrations.toString());
        config.put(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG, "5000");
        if (spec.history() > 0) {
            config.put(AgentConfig.SPOOL_HISTORY_SIZE_CONFIG, Integer.toString(spec.history()));
        }
        // No endpoint.url: the agent spools and does not forward (no forwarder thread is started).

        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(config, Map.of()));
        Result result;
        try {
            URI uri = URI.create("https://localhost:" + agent.dataPort() + "/v1/events");
            SSLContext ssl = TlsContexts.sslContext(client.directory());
            Worker[] workers = new Worker[spec.clients()];
            CountDownLatch ready = new CountDownLatch(spec.clients());
            CountDownLatch go = new CountDownLatch(1);
            for (int c = 0; c < spec.clients(); c++) {
                workers[c] = new Worker(c, spec.clients(), spec.connectors(), uri, ssl, spec.batch(), ready, go);
                workers[c].start();
            }
            ready.await(); // every client connected and did one POST (TLS handshake, first batch) before the clock
            Map<Long, Long> cpuStart = threadCpu();
            long processCpuStart = processCpuNanos();
            long gcStart = gcMillis();
            long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long writtenStart = writeBytes();
            long start = System.nanoTime();
            long deadline = start + spec.seconds() * 1_000_000_000L;
            for (Worker worker : workers) {
                worker.deadline = deadline;
            }
            go.countDown();
            for (Worker worker : workers) {
                worker.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Double> cpu = cpuShares(cpuStart, threadCpu(), processCpuNanos() - processCpuStart, elapsed);
            cpu.put("(gc time)", (gcMillis() - gcStart) / 1e3 / elapsed);
            cpu.put("(jit time)", (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart) / 1e3
                    / elapsed);
            cpu.put("(load average start)", loadStart);
            cpu.put("(disk writes MB/s)", (writeBytes() - writtenStart) / 1e6 / elapsed);
            cpu.put("(load average end)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            long ok = 0;
            long events = 0;
            long errors = 0;
            long wireBytes = 0;
            String firstError = null;
            Map<Integer, Long> statuses = new TreeMap<>();
            int total = 0;
            for (Worker worker : workers) {
                ok += worker.ok;
                events += worker.events;
                wireBytes += worker.wireBytes;
                errors += worker.errors;
                if (firstError == null) {
                    firstError = worker.firstError;
                }
                worker.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
                total += worker.count;
            }
            long[] latencies = new long[total];
            int at = 0;
            for (Worker worker : workers) {
                System.arraycopy(worker.latencies, 0, latencies, at, worker.count);
                at += worker.count;
            }
            Arrays.sort(latencies);
            Map<String, Double> metrics = scrape(agent.controlPort());
            metrics.put("(wire bytes per event)", events == 0 ? 0.0 : (double) wireBytes / events);
            long fileBytes = Files.size(spoolDir.resolve("spool.mv.db"));
            for (Worker worker : workers) {
                worker.release();
            }
            long heapAfter = heapAfterGc();
            result = new Result(spec, ok, events, elapsed, latencies, statuses, errors, firstError, metrics, fileBytes,
                    -1, heapAfter - heapBefore, heapAfter, cpu);
        } finally {
            agent.close();
        }
        long closedBytes = Files.size(spoolDir.resolve("spool.mv.db"));
        return new Result(result.spec, result.ok, result.events, result.seconds, result.latenciesNanos,
                result.otherStatuses, result.errors, result.firstError, result.metrics, result.spoolFileBytes, closedBytes,
                result.heapDeltaBytes, result.heapAfterBytes, result.cpu);
    }

    /** One worker-like client: its own HttpClient (one keep-alive connection), POSTs back to back. */
    private static final class Worker extends Thread {
        private final URI uri;
        private final List<String> connectors = new ArrayList<>();
        private final int batch;
        private int position;
        private int revision;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private HttpClient http;
        volatile long deadline;
        long[] latencies = new long[1 << 16];
        int count;
        long ok;
        long events;
        long wireBytes;
        long errors;
        String firstError;
        final Map<Integer, Long> statuses = new TreeMap<>();

        Worker(int index, int clients, int connectorCount, URI uri, SSLContext ssl, int batch, CountDownLatch ready,
                CountDownLatch go) {
            super("bench-client-" + index);
            // This client's share of the connectors, like connectors shared out between workers.
            for (int k = index; k < connectorCount; k += clients) {
                connectors.add(String.format(Locale.ROOT, "connector-%05d", k));
            }
            this.uri = uri;
            this.batch = batch;
            this.ready = ready;
            this.go = go;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        @Override
        public void run() {
            try {
                post(nextBatch()); // connect + handshake outside the timed window
            } catch (Exception e) {
                firstError = e.toString();
            } finally {
                ready.countDown();
            }
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            while (System.nanoTime() < deadline) {
                byte[] body = nextBatch();
                long t0 = System.nanoTime();
                try {
                    int status = post(body);
                    long took = System.nanoTime() - t0;
                    if (status == 204) {
                        ok++;
                        events += batch;
                        wireBytes += body.length;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    } else {
                        statuses.merge(status, 1L, Long::sum);
                        if (status == 503) {
                            Thread.sleep(100);
                        }
                    }
                } catch (Exception e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                }
            }
        }

        private int post(byte[] body) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 204 && firstError == null) {
                firstError = response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
            }
            return response.statusCode();
        }

        /**
         * The next B snapshots of this client's connectors, round robin; each pass over them raises the config
         * revision, so every event is a new state of its connector (none is deduplicated). Encoded here, as a
         * worker does (about 7 µs per event, see EventCodecBenchmark).
         */
        private byte[] nextBatch() {
            List<MetadataEvent> events = new ArrayList<>(batch);
            while (events.size() < batch) {
                events.add(event(connectors.get(position), revision));
                if (++position == connectors.size()) {
                    position = 0;
                    revision++;
                }
            }
            return CODEC.encodeBatch(events);
        }

        void release() {
            http = null;
            latencies = null;
        }
    }

    /** A RUNNING snapshot of about 1 KB of JSON: 40 config entries (one masked), 4 tasks, as the codec benchmark. */
    private static MetadataEvent event(String connector, int revision) {
        SortedMap<String, String> config = new TreeMap<>();
        config.put("connector.class", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        config.put("name", connector);
        config.put("source.cluster.sasl.jaas.config", ConnectorSnapshot.MASKED_VALUE);
        config.put("revision", Integer.toString(revision));
        for (int i = config.size(); i < CONFIG_ENTRIES; i++) {
            config.put("setting." + i, "value-of-setting-" + i);
        }
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            tasks.add(new TaskSnapshot(t, ConnectorState.RUNNING, "worker-" + t + ":8083", null));
        }
        ConnectorSnapshot snapshot = new ConnectorSnapshot(connector,
                "org.apache.kafka.connect.mirror.MirrorSourceConnector", ConnectorType.SOURCE, ConnectorState.RUNNING,
                "worker-1:8083", null, tasks, config, new TreeSet<>(List.of("source.cluster.sasl.jaas.config")),
                ChangeCause.CONFIG_UPDATED);
        return new MetadataEvent(UUID.randomUUID().toString(), CLUSTER, "worker-1:8083", EPOCH,
                SEQUENCE.getAndIncrement(), EPOCH.plusMillis(SEQUENCE.get()), connector, snapshot);
    }

    private static String registrationsJson() {
        return "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectClusterList\",\"metadata\":{\"total_size\":1},\"data\":["
                + "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectCluster\",\"id\":\"usmcc-bench\","
                + "\"confluent_platform_connect_cluster_id\":\"" + CLUSTER.connectClusterId() + "\","
                + "\"kafka_cluster_id\":\"" + CLUSTER.kafkaClusterId() + "\",\"usm_kafka_cluster_id\":\"usmkc-bench\","
                + "\"display_name\":\"bench\",\"environment\":{\"id\":\"env-bench\"}}]}";
    }

    /** The agent's own counters and gauges, from its control plane. */
    private static Map<String, Double> scrape(int controlPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + controlPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("usm_agent_") && line.lastIndexOf(' ') > 0) {
                try {
                    values.put(line.substring(0, line.lastIndexOf(' ')),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                } catch (NumberFormatException ignored) {
                    // histogram or other non-numeric line
                }
            }
        }
        return values;
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Collection time of every collector (for G1: its pauses and concurrent cycles), in ms. */
    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** Bytes this process caused to be written to storage ({@code /proc/self/io}), or 0 where unavailable. */
    private static long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time during the window as a share of one core: the spool committer, the agent's Netty event loops
     * (TLS, HTTP, batch decoding, identity checks), the clients (JDK HttpClient threads and the client threads),
     * and the rest of the process (GC, JIT, threads that ended). Threads that ended in the window are in "other".
     */
    private static Map<String, Double> cpuShares(Map<Long, Long> before, Map<Long, Long> after, long processNanos,
            double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> shares = new TreeMap<>();
        double accounted = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(entry.getKey());
            if (info == null) {
                continue;
            }
            long nanos = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            String name = info.getThreadName();
            String group;
            if (name.startsWith("usm-agent-spool-committer")) {
                group = "committer";
            } else if (name.toLowerCase(Locale.ROOT).contains("eventloop")) {
                group = "event loops";
            } else if (name.startsWith("bench-client-") || name.startsWith("HttpClient-")) {
                group = "clients";
            } else {
                if (nanos / 1e9 / seconds >= 0.02) {
                    shares.merge("[" + name.replaceAll("-?\\d+", "#") + "]", nanos / 1e9 / seconds, Double::sum);
                }
                continue;
            }
            shares.merge(group, nanos / 1e9 / seconds, Double::sum);
            accounted += nanos;
        }
        shares.put("other", (processNanos - accounted) / 1e9 / seconds);
        shares.put("process", processNanos / 1e9 / seconds);
        return shares;
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "%-26s %s%n", r.spec().label(), row(r));
        if (r.errors() > 0 || !r.otherStatuses().isEmpty() || r.firstError() != null) {
            System.out.printf(Locale.ROOT, "    other statuses %s, errors %d, first: %s%n", r.otherStatuses(), r.errors(),
                    r.firstError());
        }
        System.out.printf(Locale.ROOT, "    cpu (cores): %s; agent metrics: accepted %.0f, deduplicated %.0f, "
                        + "coalesced %.0f, rejected %s%n", format(r.cpu()),
                r.metrics().getOrDefault("usm_agent_events_accepted_total", -1.0),
                r.metrics().getOrDefault("usm_agent_events_deduplicated_total", -1.0),
                r.metrics().getOrDefault("usm_agent_events_coalesced_total", -1.0), rejected(r.metrics()));
    }

    private static String rejected(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        metrics.forEach((series, value) -> {
            if (series.startsWith("usm_agent_requests_rejected_total") && value > 0) {
                text.append(series.substring("usm_agent_requests_rejected_total".length())).append('=')
                        .append(value.longValue()).append(' ');
            }
        });
        return text.length() == 0 ? "none" : text.toString().trim();
    }

    private static String format(Map<String, Double> cpu) {
        StringBuilder text = new StringBuilder();
        cpu.forEach((group, cores) -> text.append(group).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", cores)).append(", "));
        return text.substring(0, text.length() - 2);
    }

    private static final String HEADER = "| run | connectors | events | events/s | POSTs/s | p50 ms | p95 ms | p99 ms | "
            + "max ms | spool keys | spool events | spool file MiB (closed) | heap after GC MiB (agent Δ) | "
            + "CPU cores: loops / committer / clients / other |";

    private static String row(Result r) {
        long[] l = r.latenciesNanos();
        Map<String, Double> m = r.metrics();
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %,.0f | %s | %s | %s | %s | %,.0f | %,.0f | %.1f (%.1f) "
                        + "| %.0f (%+.0f) | %.2f / %.2f / %.2f / %.2f |",
                r.spec().label(), r.spec().connectors(), r.events(), r.events() / r.seconds(), r.ok() / r.seconds(),
                ms(l, 0.50), ms(l, 0.95), ms(l, 0.99), l.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                        l[l.length - 1] / 1e6),
                m.getOrDefault("usm_agent_spool_entries", -1.0), m.getOrDefault("usm_agent_spool_events", -1.0),
                r.spoolFileBytes() / 1048576.0, r.spoolFileBytesClosed() / 1048576.0, r.heapAfterBytes() / 1048576.0,
                r.heapDeltaBytes() / 1048576.0, r.cpu().getOrDefault("event loops", 0.0),
                r.cpu().getOrDefault("committer", 0.0), r.cpu().getOrDefault("clients", 0.0),
                r.cpu().getOrDefault("other", 0.0));
    }

    private static String table(List<Result> results) {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            text.append(row(r)).append('\n');
        }
        text.append('\n');
        for (Result r : results) {
            text.append(String.format(Locale.ROOT, "%s: %.1f s, accepted %,.0f, deduplicated %,.0f, coalesced %,.0f, "
                            + "spool bytes (pending) %,.0f, wire bytes/event %.0f, other statuses %s, errors %d%s; %s%n",
                    r.spec().label(), r.seconds(),
                    r.metrics().getOrDefault("usm_agent_events_accepted_total", -1.0),
                    r.metrics().getOrDefault("usm_agent_events_deduplicated_total", -1.0),
                    r.metrics().getOrDefault("usm_agent_events_coalesced_total", -1.0),
                    r.metrics().getOrDefault("usm_agent_spool_bytes", -1.0),
                    r.metrics().getOrDefault("(wire bytes per event)", -1.0), r.otherStatuses(), r.errors(),
                    r.firstError() == null ? "" : " (first: " + r.firstError() + ")", format(r.cpu())));
        }
        return text.toString();
    }

    private static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, index)] / 1e6);
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        double[] load = {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
        return String.format(Locale.ROOT, "%d cores, max heap %d MiB, Java %s (%s), %s, load average %.2f",
                runtime.availableProcessors(), runtime.maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("java.vm.version"), Instant.now(), load[0]);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--duration S] [--clients 1,4,16] [--batches 1,50] "
                        + "[--connectors K] [--big-connectors K] [--big-duration S] [--big-clients C] [--big-batch B] "
                        + "[--big-history 1] [--warmup S] [--provider auto|openssl|jdk] [--out FILE]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
