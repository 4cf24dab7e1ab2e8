package io.connectusm.extension;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the real-worker benchmarks share: one KRaft broker in this JVM, a real mTLS receiver standing in for the
 * agent, the plugin ZIP unzipped into a {@code plugin.path}, and {@code ConnectDistributed} worker JVMs started on
 * them with the extension on or off ({@link #startWorker}), each with a {@link WorkerJvmProbe} attached. Connectors
 * are created in bulk, {@code STOPPED} ({@link #createStopped}), as the idle cluster of issue #18 had them.
 *
 * <p>Benchmark helper (worker-extension's test scope, like the tests' fixtures it uses). Not thread-safe: the
 * harness thread drives it; {@link #close()} stops the broker and the receiver.
 */
final class BenchCluster implements AutoCloseable {

    static final String SOURCE_TOPIC = "bench-source";
    private static final Pattern COUNT = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern CONNECTOR_STATE = Pattern.compile("\"connector\":\\{([^}]*)}");

    private final Path dir;
    private final Path plugins;
    private final WorkerPki pki;
    private final EmbeddedKafkaCluster kafka;
    private final RecordingHttpsReceiver receiver;

    /** A worker JVM of this cluster and its probe. */
    static final class Worker implements AutoCloseable {
        private final ConnectWorkerProcess process;
        private final WorkerJvmProbe probe;
        private final boolean extension;

        Worker(ConnectWorkerProcess process, WorkerJvmProbe probe, boolean extension) {
            this.process = process;
            this.probe = probe;
            this.extension = extension;
        }

        ConnectWorkerProcess process() {
            return process;
        }

        WorkerJvmProbe probe() {
            return probe;
        }

        boolean extension() {
            return extension;
        }

        @Override
        public void close() throws Exception {
            try {
                probe.close();
            } finally {
                process.close();
            }
        }
    }

    BenchCluster(Path pluginZip) throws Exception {
        dir = Files.createTempDirectory("extension-bench");
        plugins = Files.createDirectories(dir.resolve("plugins"));
        System.setProperty("plugin.zip", pluginZip.toString());
        ConnectWorkerProcess.unzipPlugin(dir);
        pki = WorkerPki.create(dir.resolve("pki"), "usm-bench");
        kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        kafka.createTopic(SOURCE_TOPIC, 1);
        receiver = new RecordingHttpsReceiver(pki.serverContext());
    }

    EmbeddedKafkaCluster kafka() {
        return kafka;
    }

    RecordingHttpsReceiver receiver() {
        return receiver;
    }

    /**
     * Starts a worker of Connect cluster {@code group} (its topics are created on first use) with the extension
     * on or off, waits for its REST API and attaches the probe. {@code jvmOptions} go after the defaults.
     */
    Worker startWorker(String group, boolean extension, List<String> extraProperties, List<String> jvmOptions)
            throws Exception {
        int port = ConnectWorkerProcess.freePort();
        List<String> properties = new ArrayList<>(ConnectWorkerProcess.clusterProperties(
                kafka.bootstrapServers(), group, "http://localhost:" + port, plugins));
        pki.workerProps(receiver.baseUrl()).forEach((key, value) -> properties.add(key + "=" + value));
        properties.add(MetadataEventsConfig.ENABLED_CONFIG + "=" + extension);
        properties.addAll(extraProperties);
        // A fixed number of compiler threads: one that ends takes its CPU counter with it (WorkerThreadGroups.JIT).
        List<String> options = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=4",
                "-XX:-UseDynamicNumberOfCompilerThreads"));
        options.addAll(jvmOptions);
        ConnectWorkerProcess process = ConnectWorkerProcess.start(dir, group + "-" + (extension ? "on" : "off"),
                properties, port, ConnectWorkerProcess.workerClasspath(), options);
        try {
            process.awaitRest(Duration.ofMinutes(5));
            return new Worker(process, WorkerJvmProbe.attach(process.pid()), extension);
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** Creates {@code count} FileStreamSource connectors {@code prefix-00000…} in state STOPPED, 8 calls at a time. */
    static void createStopped(ConnectWorkerProcess worker, String prefix, int from, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String body = "{\"name\":\"" + name(prefix, i) + "\",\"initial_state\":\"STOPPED\",\"config\":{"
                        + "\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\","
                        + "\"tasks.max\":\"1\",\"file\":\"/dev/null\",\"topic\":\"" + SOURCE_TOPIC + "\"}}";
                calls.add(pool.submit(() -> createWithRetry(worker, body)));
            }
            for (Future<Integer> call : calls) {
                int status = call.get();
                if (status != 201 && status != 409) {
                    throw new IllegalStateException("POST /connectors answered " + status);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int createWithRetry(ConnectWorkerProcess worker, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = worker.send("POST", "/connectors", body);
            // 409: a rebalance is under way (or the name exists from an earlier attempt); 5xx: the herder timed out.
            if (response.statusCode() == 201 || (response.statusCode() == 409 && response.body().contains("exists"))) {
                return response.statusCode();
            }
            if (attempt >= 50) {
                return response.statusCode();
            }
            Thread.sleep(200);
        }
    }

    /** How many connectors the worker lists (waits for the herder). */
    static int connectorCount(ConnectWorkerProcess worker) throws IOException, InterruptedException {
        HttpResponse<String> response = worker.send("GET", "/connectors", null);
        if (response.statusCode() != 200) {
            return -1;
        }
        Matcher m = COUNT.matcher(response.body());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** Waits until the worker lists at least {@code count} connectors. */
    static void awaitListed(ConnectWorkerProcess worker, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (connectorCount(worker) >= count) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the worker did not list " + count + " connectors within " + timeout);
    }

    /**
     * Waits until the worker's status shows at least {@code count} connectors STOPPED: a worker that lists its
     * connectors is still starting them (each in its stopped state, on the herder's start-and-stop threads, tens of
     * MB/s of allocation at 5,000), and only then is it idle. Only a status written by this worker counts: the status
     * topic still holds the previous start's.
     */
    static void awaitStopped(ConnectWorkerProcess worker, int count, Duration timeout) throws Exception {
        String stoppedHere = "\"worker_id\":\"" + URI.create(worker.restBase()).getAuthority() + "\"";
        long deadline = System.nanoTime() + timeout.toNanos();
        int stopped = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = worker.send("GET", "/connectors?expand=status", null);
            if (response.statusCode() == 200) {
                Matcher m = CONNECTOR_STATE.matcher(response.body());
                stopped = 0;
                while (m.find()) {
                    if (m.group(1).contains("\"state\":\"STOPPED\"") && m.group(1).contains(stoppedHere)) {
                        stopped++;
                    }
                }
                if (stopped >= count) {
                    return;
                }
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("the worker showed " + stopped + " of " + count + " connectors STOPPED within "
                + timeout);
    }

    static String name(String prefix, int i) {
        return String.format("%s-%05d", prefix, i);
    }

    /**
     * Keeps the process's stdout for the harness's report and sends everything else written there to stderr: Kafka's
     * storage formatter (the embedded broker's start) prints to stdout, and {@code benchmarks/run.sh} takes a
     * benchmark's stdout as its block. Call first thing in {@code main}.
     */
    static PrintStream takeStdout() {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        return stdout;
    }

    /** The load average (1, 5, 15 min) of this machine, as {@code /proc/loadavg} has it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            receiver.close();
        } finally {
            kafka.stop();
        }
    }
}
