package io.connectusm.extension;

import org.awaitility.core.ConditionTimeoutException;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.awaitility.Awaitility.await;

/**
 * A Connect worker as an operator runs it: {@code org.apache.kafka.connect.cli.ConnectDistributed} in its own
 * JVM with a properties file, Kafka from this JVM's class path but neither our classes nor the wire contract
 * (the extension must come from {@code plugin.path}), its output in a log file. {@link #close()} stops it
 * gracefully, {@link #kill()} like {@code kill -9}; a shutdown hook destroys it if the test JVM exits first.
 *
 * <p>Public (in this module's test-jar) for integration-tests, whose Kafka version matrix starts workers of other
 * Kafka versions with {@link #start(Path, String, List, int, String, List)}. Not thread-safe: one test thread drives
 * it.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final String restBase;
    private final Thread reaper;

    private ConnectWorkerProcess(Process process, Path log, String restBase) {
        this.process = process;
        this.log = log;
        this.restBase = restBase;
        this.reaper = new Thread(process::destroyForcibly, "reap-" + log.getFileName());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Writes {@code properties} to {@code <dir>/<name>.properties} and starts the worker; {@code restPort} must be
     * the port of its {@code listeners}.
     */
    public static ConnectWorkerProcess start(Path dir, String name, List<String> properties, int restPort)
            throws IOException {
        return start(dir, name, properties, restPort, workerClasspath(), List.of());
    }

    /**
     * Like {@link #start(Path, String, List, int)} with another Kafka: {@code classpath} is the worker's whole class
     * path (a stock worker of that version), {@code jvmOptions} are added before the main class. Logging is
     * configured for both bindings a Kafka distribution may use (log4j 2 from Kafka 4.0, reload4j before).
     */
    public static ConnectWorkerProcess start(Path dir, String name, List<String> properties, int restPort,
                                             String classpath, List<String> jvmOptions) throws IOException {
        Path workerProperties = dir.resolve(name + ".properties");
        Files.writeString(workerProperties, String.join("\n", properties) + "\n");
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, "-Xmx384m",
                // Two shared cores: a cheaper JIT and GC make several worker JVMs start in reasonable time.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + writeLogConfig(dir),
                "-Dlog4j.configuration=" + writeReload4jConfig(dir).toUri()));
        command.addAll(jvmOptions);
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(workerProperties.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ConnectWorkerProcess(process, log, "http://localhost:" + restPort);
    }

    /**
     * Unzips the plugin ZIP built by worker-extension (system property {@code plugin.zip}) into {@code <dir>/plugins},
     * the directory for plugin.path.
     */
    public static Path unzipPlugin(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        unzip(Path.of(System.getProperty("plugin.zip")), plugins);
        return plugins;
    }

    /**
     * What every worker of a Connect cluster {@code groupId} needs: the broker, the group and its topics (replication
     * factor 1), string converters, the REST listener, {@code plugin.path} and our REST extension.
     */
    public static List<String> clusterProperties(String bootstrapServers, String groupId, String listener, Path plugins) {
        return List.of(
                "bootstrap.servers=" + bootstrapServers,
                "group.id=" + groupId,
                "config.storage.topic=" + groupId + "-configs",
                "offset.storage.topic=" + groupId + "-offsets",
                "status.storage.topic=" + groupId + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "listeners=" + listener,
                "plugin.path=" + plugins,
                "rest.extension.classes=" + MetadataEventsRestExtension.class.getName());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String restBase() {
        return restBase;
    }

    public Path log() {
        return log;
    }

    /** The worker JVM's process ID (for jcmd, JFR and the attach API in the benchmarks). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits (bounded) until {@code GET /connectors} answers 200 (or 401: a worker with a security extension answers
     * unauthenticated calls so); fails with the log's tail if the JVM exits.
     */
    public void awaitRest(Duration timeout) throws IOException, InterruptedException {
        try {
            await("the worker's REST API answering GET /connectors").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).dontCatchUncaughtExceptions().until(this::restAnswers);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the worker's REST API never answered within " + timeout + ": " + tail(), e);
        }
    }

    private boolean restAnswers() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError("the worker exited: " + tail());
        }
        try {
            int status = send("GET", "/connectors", null).statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** One REST call to this worker; {@code jsonBody} may be null. */
    public HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        return send(method, path, jsonBody, java.util.Map.of());
    }

    /** One REST call to this worker with extra request {@code headers} (e.g. {@code Authorization}). */
    public HttpResponse<String> send(String method, String path, String jsonBody, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restBase + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@code kill -9}: no shutdown hook, no leaving the group, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops the worker gracefully, forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    /** Kafka and its dependencies from this JVM's class path, but neither our classes nor the wire contract. */
    public static String workerClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classes") && !entry.endsWith("test-classes"))
                .filter(entry -> !entry.contains("metadata-events") && !entry.contains("certs-tooling")
                        && !entry.contains("worker-extension") && !entry.contains("usm-support")
                        && !entry.contains("testkit"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** For Kafka 3.x, whose distributions log through reload4j (log4j 1.2 syntax). */
    private static Path writeReload4jConfig(Path dir) throws IOException {
        return write(dir.resolve("log4j.properties"),
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=%d %p [%t] %c - %m%n",
                "log4j.logger.io.connectusm=DEBUG");
    }

    /** For Kafka 4.x, whose distributions log through log4j 2. */
    private static Path writeLogConfig(Path dir) throws IOException {
        return write(dir.resolve("log4j2.properties"),
                "status=warn",
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d %p [%t] %c - %m%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.console.ref=console",
                "logger.usm.name=io.connectusm",
                "logger.usm.level=DEBUG");
    }

    private static Path write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out); // not closing: the zip stream moves on to the next entry
                }
            }
        }
    }
}
