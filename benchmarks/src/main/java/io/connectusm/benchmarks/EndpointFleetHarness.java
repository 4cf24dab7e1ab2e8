package io.connectusm.benchmarks;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.store.HistoryRetention;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The endpoint at fleet scale (run by {@code benchmarks/endpoint-fleet.sh}): real endpoints in this JVM (HTTPS on
 * loopback with certs-tooling certificates), on a fresh H2 file or a fresh database of a PostgreSQL server (the
 * script's durable one: fsync and synchronous commit on), one or two replicas on it.
 *
 * <ol>
 *   <li><b>Resync</b>: {@code C} Connect clusters of {@code K} connectors, each reported by {@code W} workers, every
 *       worker sending one resync (a snapshot of every connector, then the cluster inventory) through the real
 *       ingest path, {@code POST /usm/v1/events} with an agent key, in batches of 500 (the agent's
 *       {@code forward.batch.max.events}). The first worker's resync creates every connector (row and history
 *       entry); the others' carry the same states, newer (stamps move, no history). {@code S} senders post the
 *       batches concurrently, alternating between replicas, as many agents would. The batches are encoded before
 *       the clock starts. Reported: events/s from the first POST to the last 204, the JVM's CPU time.</li>
 *   <li><b>Reads</b> (one replica): the connector list of a {@code K}-connector cluster, first page and a filtered
 *       page (100 each), p50/p99 of sequential requests; the cluster's console page (all {@code K} rows).</li>
 *   <li><b>Sizes</b>: the database after the resync (per 100,000 connectors) and after adding {@code H} history
 *       rows (per 1,000,000), inserted by batched JDBC in the shape ingest writes them, over 500 connectors and
 *       120 days.</li>
 *   <li><b>Retention</b>: one {@link HistoryRetention} pass over those rows (90 days, 1,000 per connector).</li>
 * </ol>
 *
 * <p>Longer than ~300 lines for a reason: a benchmark harness keeps its whole procedure (set-up, the measured
 * phases, the audit of every run, the report) in one readable place, so a reader checks what a figure means in
 * one file; it is never loaded by the product.
 */
public final class EndpointFleetHarness {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final int BATCH = 500;
    private static final int CONFIG_ENTRIES = 20;
    private static final int TASKS = 2;
    private static final EventCodec CODEC = new EventCodec();

    private final Map<String, String> options;
    private final Path work;
    private final StringBuilder report = new StringBuilder();
    private final LeafFiles server;
    private final SSLContext trust;

    private EndpointFleetHarness(Map<String, String> options, Path work) throws GeneralSecurityException {
        this.options = options;
        this.work = work;
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("fleet benchmark CA"));
        this.server = LeafFiles.write(work.resolve("tls"), ca.issue(LeafSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1").build()), ca, WriteMode.FAIL_IF_EXISTS);
        this.trust = SSLContext.getInstance("TLS");
        trust.init(null, TlsContexts.trustManagers(server.truststore(), server.password()), null);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("clusters", "100", "connectors", "1000", "workers", "3",
                "senders", "8", "history-rows", "1000000", "vendors", "h2,postgresql", "replicas", "1,2",
                "reads", "300", "page-reads", "30", "out", "benchmarks/target/endpoint-fleet.md"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path work = Files.createTempDirectory("usm-endpoint-fleet-");
        EndpointFleetHarness harness = new EndpointFleetHarness(options, work);
        try {
            harness.run();
        } finally {
            deleteTree(work);
        }
        Files.createDirectories(Path.of(options.get("out")).toAbsolutePath().getParent());
        Files.writeString(Path.of(options.get("out")), harness.report);
        System.out.println("\nwritten to " + options.get("out"));
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        int clusters = option("clusters");
        int connectors = option("connectors");
        int workers = option("workers");
        line("Fleet: %d Connect clusters x %d connectors x %d workers, one resync each: %,d snapshots + %d "
                + "inventories in batches of %d, %d concurrent senders.", clusters, connectors, workers,
                (long) clusters * connectors * workers, clusters * workers, BATCH, option("senders"));
        line("");
        line("| database | replicas | events | seconds | events/s | JVM CPU s | PostgreSQL CPU s | commits | WAL fsyncs "
                + "| load avg before, after |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        List<String> after = new ArrayList<>();
        for (String vendor : options.get("vendors").split(",")) {
            for (String replicas : options.get("replicas").split(",")) {
                int n = Integer.parseInt(replicas);
                if (vendor.equals("h2") && n > 1) {
                    continue; // one process owns an H2 file
                }
                after.add(resyncRun(vendor, n, clusters, connectors, workers));
            }
        }
        line("");
        after.forEach(this::line);
    }

    /** One resync run on a fresh database; then, with one replica, the reads, the sizes and retention. */
    private String resyncRun(String vendor, int replicas, int clusters, int connectors, int workers)
            throws Exception {
        Target target = Target.fresh(vendor, work.resolve(vendor + "-" + replicas + "-" + UUID.randomUUID()));
        List<UsmEndpoint> endpoints = new ArrayList<>();
        try {
            for (int r = 0; r < replicas; r++) {
                endpoints.add(UsmEndpoint.start(new EndpointConfig(target.props(server))));
            }
            UsmEndpoint first = endpoints.get(0);
            ApiKeyCredentials agent = first.apiKeys().create(ApiRole.AGENT, "fleet agents");
            ApiKeyCredentials admin = first.apiKeys().create(ApiRole.ADMIN, "fleet admin");
            List<String> usmcc = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                first.registerKafkaCluster("env-fleet", kafka(c), "aws", "us-east-1");
                usmcc.add(first.registerConnectCluster("env-fleet", kafka(c), "connect-" + c));
            }
            List<byte[]> batches = resyncBatches(clusters, connectors, workers);
            long events = (long) clusters * workers * (connectors + 1);
            double load0 = loadAverage();
            long cpu0 = processCpuNanos();
            ServerStats server0 = target.serverStats();
            long started = System.nanoTime();
            send(batches, endpoints, agent);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            ServerStats server1 = target.serverStats();
            line("| %s | %d | %,d | %.1f | %,.0f | %.0f | %s | %s | %s | %.1f, %.1f |", label(vendor), replicas,
                    events, seconds, events / seconds, cpu, server1.cpuDelta(server0), server1.commitsDelta(server0),
                    server1.syncsDelta(server0), load0, loadAverage());
            System.out.printf("resync %s x%d: %,.0f events/s%n", vendor, replicas, events / seconds);
            if (replicas > 1) {
                return "";
            }
            StringBuilder more = new StringBuilder("### " + label(vendor) + ": reads, sizes, retention\n\n");
            reads(first, admin, usmcc.get(0), more);
            for (UsmEndpoint e : endpoints) {
                e.close();
            }
            endpoints.clear();
            sizes(target, clusters * connectors, more);
            history(target, more);
            return more.toString();
        } finally {
            for (UsmEndpoint e : endpoints) {
                e.close();
            }
            target.drop();
        }
    }

    /** Every worker's resync of every cluster, encoded, in the order they are sent: worker by worker. */
    private static List<byte[]> resyncBatches(int clusters, int connectors, int workers) {
        List<byte[]> out = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            for (int c = 0; c < clusters; c++) {
                ClusterRef ref = new ClusterRef(kafka(c), "connect-" + c);
                String workerId = "worker-" + w + ":8083";
                Instant epoch = T0.plusSeconds(w);
                List<MetadataEvent> events = new ArrayList<>();
                TreeMap<String, String> fingerprints = new TreeMap<>();
                for (int k = 0; k < connectors; k++) {
                    ConnectorSnapshot s = snapshot(c, k, new Random(c * 100_003L + k)); // same state from each worker
                    fingerprints.put(s.name(), s.configFingerprint());
                    events.add(new MetadataEvent(UUID.randomUUID().toString(), ref, workerId, epoch, k,
                            T0.plusSeconds(60L * w).plusMillis(k), s.name(), s));
                }
                events.add(new MetadataEvent(UUID.randomUUID().toString(), ref, workerId, epoch, connectors,
                        T0.plusSeconds(60L * w).plusMillis(connectors), null, new ClusterInventory(fingerprints)));
                for (int i = 0; i < events.size(); i += BATCH) {
                    out.add(CODEC.encodeBatch(events.subList(i, Math.min(events.size(), i + BATCH))));
                }
            }
        }
        return out;
    }

    /** A connector as a worker reports it: 20 config entries (2 masked), 2 tasks, 1 in 50 with a failed task. */
    private static ConnectorSnapshot snapshot(int cluster, int k, Random random) {
        String name = (k % 2 == 0 ? "orders-" : "payments-") + k;
        TreeMap<String, String> config = new TreeMap<>();
        config.put("connector.class", "io.confluent.connect.jdbc.JdbcSinkConnector");
        config.put("topics", "cluster-" + cluster + ".topic-" + k);
        config.put("connection.url", "jdbc:postgresql://db-" + (k % 7) + ".example.com:5432/warehouse");
        config.put("connection.password", ConnectorSnapshot.MASKED_VALUE);
        config.put("sasl.jaas.config", ConnectorSnapshot.MASKED_VALUE);
        for (int i = config.size(); i < CONFIG_ENTRIES; i++) {
            config.put("setting." + i, "value-" + random.nextInt(1_000_000));
        }
        boolean failed = k % 50 == 7;
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            boolean taskFailed = failed && t == 1;
            tasks.add(new TaskSnapshot(t, taskFailed ? ConnectorState.FAILED : ConnectorState.RUNNING,
                    "worker-" + t + ":8083", taskFailed ? "org.apache.kafka.connect.errors.ConnectException: "
                    + "connection refused\n\tat io.confluent.connect.jdbc.sink.JdbcSinkTask.put(JdbcSinkTask.java:93)"
                    : null));
        }
        return ConnectorSnapshot.builder()
                .name(name)
                .connectorClass(config.get("connector.class"))
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .workerId("worker-0:8083")
                .tasks(tasks)
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("connection.password",
                        "sasl.jaas.config")))
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(ChangeCause.RESYNC)
                .build();
    }

    /** Posts every batch with {@code senders} threads, alternating replicas; fails on anything but 204. */
    private void send(List<byte[]> batches, List<UsmEndpoint> endpoints, ApiKeyCredentials agent) throws Exception {
        ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(batches);
        AtomicLong turn = new AtomicLong();
        int senders = option("senders");
        CountDownLatch done = new CountDownLatch(senders);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        String auth = basic(agent);
        for (int s = 0; s < senders; s++) {
            HttpClient client = client();
            Thread t = new Thread(() -> {
                try {
                    byte[] body;
                    while ((body = queue.poll()) != null) {
                        UsmEndpoint to = endpoints.get((int) (turn.getAndIncrement() % endpoints.size()));
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(to.baseUrl()
                                + "/usm/v1/events")).timeout(Duration.ofMinutes(5)).header("Authorization", auth)
                                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 204) {
                            throw new IllegalStateException("POST /usm/v1/events: " + r.statusCode() + " " + r.body());
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "sender-" + s);
            t.start();
        }
        done.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a sender failed", failures.get(0));
        }
    }

    private void reads(UsmEndpoint endpoint, ApiKeyCredentials admin, String usmcc, StringBuilder out)
            throws Exception {
        HttpClient client = client();
        String list = endpoint.baseUrl() + "/usm/v1/connect-clusters/" + usmcc + "/connectors";
        int reads = option("reads");
        out.append("| request (a ").append(option("connectors")).append("-connector cluster) | p50 ms | p99 ms | "
                + "bytes | gzip bytes |\n|---|---|---|---|---|\n");
        timed(out, client, admin, "list, first page (`page_size=100`, failing first)", list + "?page_size=100", reads);
        timed(out, client, admin, "list, filtered (`state=RUNNING&name_contains=orders-1&sort=-last_change`)",
                list + "?state=RUNNING&name_contains=orders-1&sort=-last_change&page_size=100", reads);
        timed(out, client, admin, "list, failing only (`failing=true`)", list + "?failing=true&page_size=100", reads);
        timed(out, client, admin, "console page of the cluster (all rows)", endpoint.baseUrl()
                + "/ui/connect-clusters/" + usmcc, option("page-reads"));
        out.append('\n');
    }

    private static void timed(StringBuilder out, HttpClient client, ApiKeyCredentials as, String what, String url,
                              int n) throws Exception {
        String auth = basic(as);
        for (int i = 0; i < Math.min(20, n); i++) { // warm-up
            get(client, url, auth, false);
        }
        long[] nanos = new long[n];
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            bytes = get(client, url, auth, false).length;
            nanos[i] = System.nanoTime() - t;
        }
        int gzipped = get(client, url, auth, true).length;
        Arrays.sort(nanos);
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,d | %,d |%n", what, nanos[n / 2] / 1e6,
                nanos[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, bytes, gzipped));
    }

    private static byte[] get(HttpClient client, String url, String auth, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Authorization", auth);
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode());
        }
        return r.body();
    }

    private void sizes(Target target, int connectors, StringBuilder out) throws Exception {
        Sizes raw = target.sizes();
        Sizes compact = target.compactedSizes();
        out.append(String.format(Locale.ROOT, "After the resync (%,d connectors, %,d history rows, all rows written "
                + "once and updated twice): %s as written, %s compacted (%s); connectors table %s compacted, i.e. "
                + "**%s per 100,000 connectors**%s.%n%n", connectors, target.count("connector_history"),
                mib(raw.total), mib(compact.total), target.compaction(), mib(compact.connectors),
                mib(compact.connectors * 100_000L / connectors),
                compact.perTable ? "" : String.format(Locale.ROOT, " (H2: the whole file, with the %,d CREATED "
                        + "history entries)", connectors)));
    }

    /** Adds H history rows as ingest writes them, measures the growth, then one retention pass. */
    private void history(Target target, StringBuilder out) throws Exception {
        int rows = option("history-rows");
        int connectors = 500;
        Sizes before = target.compactedSizes();
        long started = System.nanoTime();
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            String cc = "usmcc-history0000";
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO connect_clusters (id, environment, cp_connect_cluster_id, cp_kafka_cluster_id, "
                        + "usm_kafka_cluster_id, display_name, cloud, region, created_at) SELECT 'usmcc-history0000', "
                        + "'env-fleet', 'connect-history', cp_kafka_cluster_id, id, 'history', cloud, region, "
                        + "created_at FROM kafka_clusters WHERE cp_kafka_cluster_id = '" + kafka(0) + "'");
            }
            Random random = new Random(5);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO connector_history (connect_cluster_id, name, "
                    + "event_time, change_kind, state, config_fingerprint, diff_json) VALUES (?,?,?,?,?,?,?)")) {
                Instant now = Instant.now();
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, cc);
                    ps.setString(2, "connector-" + (i % connectors));
                    // spread over the last 120 days, older first per connector
                    long ageSeconds = (long) (120L * 86_400 * (1 - (double) (i / connectors) / (rows / connectors)));
                    ps.setObject(3, now.minusSeconds(ageSeconds).atOffset(ZoneOffset.UTC));
                    ps.setString(4, "CONFIG_UPDATED");
                    ps.setString(5, "RUNNING");
                    ps.setString(6, String.format("%064x", new BigInteger(256, random)));
                    // two keys changed, with values as varied as real ones (repeated text would flatter compression)
                    ps.setString(7, "[{\"key\":\"setting." + random.nextInt(20) + "\",\"change\":\"CHANGED\","
                            + "\"old_value\":\"value-" + random.nextInt(1_000_000) + "\",\"new_value\":\"value-"
                            + random.nextInt(1_000_000) + "\"},{\"key\":\"topics\",\"change\":\"CHANGED\","
                            + "\"old_value\":\"cluster-0.topic-" + random.nextInt(1000) + "\",\"new_value\":"
                            + "\"cluster-0.topic-" + random.nextInt(1000) + ",cluster-0.topic-" + random.nextInt(1000)
                            + "\"}]");
                    ps.addBatch();
                    if ((i + 1) % 5_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            // the endpoints' own job may have run a pass since they started: this one is to be measured now
            s.execute("UPDATE endpoint_locks SET last_run_at = NULL");
        }
        Sizes after = target.compactedSizes();
        out.append(String.format(Locale.ROOT, "History: %,d rows added (batched JDBC, %.0f s) over %d connectors and "
                + "120 days: database %s compacted; the history %s grew by %s, i.e. **%s per 1,000,000 history rows** "
                + "(%d bytes a row with its indexes, a diff of 2 keys).%n%n", rows, insertSeconds, connectors,
                mib(after.total), after.perTable ? "table" : "file", mib(after.history - before.history),
                mib((after.history - before.history) * 1_000_000L / rows), (after.history - before.history) / rows));
        long total = target.count("connector_history");
        try (Database db = Database.open(target.settings())) {
            HistoryRetention retention = new HistoryRetention(db, new HistoryRetention.Policy(Duration.ofDays(90),
                    1_000, Duration.ofHours(1)), Clock.systemUTC(), "benchmark");
            HistoryRetention.Result r = retention.runOnce().orElseThrow();
            out.append(String.format(Locale.ROOT, "Retention (90 days, 1,000 per connector) over %,d rows: deleted "
                    + "%,d by age and %,d by count (%d connectors) in **%.1f s**; %,d rows left.%n%n",
                    total, r.deletedByAge(), r.deletedByCount(), r.connectorsTrimmed(),
                    r.took().toMillis() / 1e3, target.count("connector_history")));
        }
    }

    private HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trust)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static String kafka(int cluster) {
        return "kafka-" + cluster;
    }

    private static String label(String vendor) {
        return vendor.equals("h2") ? "H2 file" : "PostgreSQL 15";
    }

    private static String basic(ApiKeyCredentials key) {
        return "Basic " + Base64.getEncoder().encodeToString((key.key() + ":" + key.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Bytes on disk: the whole database, the connectors table, the history table (H2: only the whole file). */
    private record Sizes(long total, long connectors, long history, boolean perTable) {
    }

    /** The PostgreSQL server's CPU time (all its processes), commits and WAL fsyncs so far; {@code null}s on H2. */
    private record ServerStats(Double cpuSeconds, Long commits, Long walSyncs) {
        String cpuDelta(ServerStats before) {
            return cpuSeconds == null ? "(in the JVM)" : String.format(Locale.ROOT, "%.0f", cpuSeconds
                    - before.cpuSeconds);
        }

        String commitsDelta(ServerStats before) {
            return commits == null ? "" : String.format(Locale.ROOT, "%,d", commits - before.commits);
        }

        String syncsDelta(ServerStats before) {
            return walSyncs == null ? "(H2: no fsync per commit)" : String.format(Locale.ROOT, "%,d",
                    walSyncs - before.walSyncs);
        }
    }

    /** A fresh database of one vendor, its endpoint settings, and how to measure it. */
    private static final class Target {
        private final String vendor;
        private final Path dir;
        private final DatabaseSettings settings;
        private final String password;

        private Target(String vendor, Path dir, DatabaseSettings settings, String password) {
            this.vendor = vendor;
            this.dir = dir;
            this.settings = settings;
            this.password = password;
        }

        static Target fresh(String vendor, Path dir) throws Exception {
            Files.createDirectories(dir);
            if (vendor.equals("h2")) {
                return new Target(vendor, dir, DatabaseSettings.h2(dir), "");
            }
            String maintenance = System.getenv("USM_TEST_POSTGRES_URL");
            if (maintenance == null) {
                throw new IllegalStateException("no PostgreSQL: run benchmarks/endpoint-fleet.sh, which starts one");
            }
            String name = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(maintenance, System.getenv("USM_TEST_POSTGRES_USER"),
                    System.getenv("USM_TEST_POSTGRES_PASSWORD")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            String url = maintenance.substring(0, maintenance.lastIndexOf('/') + 1) + name;
            return new Target(vendor, dir, DatabaseSettings.of(url, System.getenv("USM_TEST_POSTGRES_USER"),
                    System.getenv("USM_TEST_POSTGRES_PASSWORD"), 10), System.getenv("USM_TEST_POSTGRES_PASSWORD"));
        }

        DatabaseSettings settings() {
            return settings;
        }

        Map<String, Object> props(LeafFiles server) {
            Map<String, Object> p = new HashMap<>();
            p.put(EndpointConfig.PORT_CONFIG, "0");
            p.put(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
            p.put(EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, new String(server.password()));
            p.put(EndpointConfig.API_KEY_HASH_ITERATIONS_CONFIG, "10000");
            p.put(EndpointConfig.WORKER_THREADS_CONFIG, "8");
            if (vendor.equals("h2")) {
                p.put(EndpointConfig.DATA_DIR_CONFIG, dir.toString());
            } else {
                p.put(EndpointConfig.DATABASE_URL_CONFIG, settings.url());
                p.put(EndpointConfig.DATABASE_USER_CONFIG, settings.user());
                p.put(EndpointConfig.DATABASE_PASSWORD_CONFIG, "${env:USM_TEST_POSTGRES_PASSWORD}");
            }
            return p;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(settings.url(), settings.user(), password);
        }

        long count(String table) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        Sizes sizes() throws Exception {
            if (vendor.equals("h2")) {
                // The store keeps the file open; a checkpoint writes what is pending so the size is the data's.
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
                long file = Files.size(dir.resolve("usm-endpoint.mv.db"));
                return new Sizes(file, file, file, false);
            }
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pg_database_size(current_database()), pg_total_relation_size('connectors'), "
                            + "pg_total_relation_size('connector_history')")) {
                rs.next();
                return new Sizes(rs.getLong(1), rs.getLong(2), rs.getLong(3), true);
            }
        }

        /** Sizes once the dead row versions and free pages are given back: VACUUM FULL, or H2's SHUTDOWN COMPACT. */
        Sizes compactedSizes() throws Exception {
            if (vendor.equals("h2")) {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
                long file = Files.size(dir.resolve("usm-endpoint.mv.db"));
                return new Sizes(file, file, file, false);
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("VACUUM FULL");
            }
            return sizes();
        }

        String compaction() {
            return vendor.equals("h2") ? "SHUTDOWN COMPACT" : "VACUUM FULL";
        }

        /** The server's CPU seconds from /proc (the postmaster and its children), commits and WAL syncs. */
        ServerStats serverStats() throws Exception {
            if (vendor.equals("h2")) {
                return new ServerStats(null, null, null);
            }
            long commits;
            long syncs;
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), "
                            + "(SELECT wal_sync FROM pg_stat_wal)")) {
                rs.next();
                commits = rs.getLong(1);
                syncs = rs.getLong(2);
            }
            return new ServerStats(postgresCpuSeconds(), commits, syncs);
        }

        private static Double postgresCpuSeconds() throws IOException {
            String data = System.getenv("USM_BENCH_PG_DATA");
            if (data == null) {
                return Double.NaN;
            }
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(data, "postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(proc.getFileName().toString());
                        if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                        }
                    } catch (IOException | RuntimeException e) {
                        // a process that ended meanwhile
                    }
                }
            }
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }

        void drop() throws Exception {
            if (!vendor.equals("h2")) {
                String url = settings.url();
                try (Connection c = DriverManager.getConnection(System.getenv("USM_TEST_POSTGRES_URL"),
                        settings.user(), password); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
                }
            }
        }
    }
}
