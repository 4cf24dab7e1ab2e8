package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
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
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.cli.quickstart.SampleSecrets;

/**
 * {@code bin/usm quickstart} as a user runs it, as a child process: waits for the three sample connectors to appear
 * through the endpoint's read API (with the admin key the quickstart saved), checks that their secrets are masked
 * there and appear in nothing the quickstart printed or stored, then stops it with SIGINT and checks that it exits
 * and leaves no child JVM behind.
 */
class QuickstartIT {

    private static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
    private static final List<String> SAMPLES = List.of("quickstart-file-source", "quickstart-mirror-source",
            "quickstart-file-sink");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Copied when the class loads: usm-cli's jar may be reinstalled while this test runs. */
    private static final List<String> SECRETS = List.copyOf(SampleSecrets.ALL);

    @TempDir
    Path tmp;

    private Process quickstart;

    @AfterEach
    void killLeftovers() {
        if (quickstart != null && quickstart.isAlive()) {
            quickstart.descendants().forEach(ProcessHandle::destroyForcibly);
            quickstart.destroyForcibly();
        }
        childJvmsOf(tmp.resolve("data")).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void samplesReachTheEndpointMaskedAndCtrlCStopsEverything() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        List<Integer> ports = freePorts(6);
        quickstart = startQuickstart(dataDir, ports, stdout, stderr);
        long started = System.nanoTime();

        // The quickstart saved the admin key for the CLI; the registration ID is in its state file.
        Properties cli = awaitProperties(dataDir.resolve("usm-cli.properties"), "api.secret", stdout, stderr);
        Properties state = awaitProperties(dataDir.resolve("quickstart.properties"), "usm.connect.cluster.id", stdout,
                stderr);
        Endpoint endpoint = new Endpoint(cli.getProperty("url"), cli.getProperty("api.key"),
                cli.getProperty("api.secret"), Path.of(cli.getProperty("ca.cert")));
        String connectors = "/usm/v1/connect-clusters/" + state.getProperty("usm.connect.cluster.id") + "/connectors";

        List<String> responses = new ArrayList<>();
        JsonNode mirror = awaitValue("the samples at the endpoint, the mirror paused, the sink reconfigured", stdout,
                stderr, () -> {
                    JsonNode list = endpoint.get(connectors);
                    List<String> names = new ArrayList<>();
                    list.path("data").forEach(c -> names.add(c.path("name").asText()));
                    JsonNode detail = names.containsAll(SAMPLES)
                            ? endpoint.get(connectors + "/quickstart-mirror-source") : null;
                    boolean reconfigured = detail != null && endpoint.get(connectors + "/quickstart-file-sink/history")
                            .toString().contains("usm-quickstart-v2");
                    return reconfigured && detail.path("state").asText().equals("PAUSED") ? detail : null;
                });
        System.out.printf("samples at the endpoint %.1f s after start%n", (System.nanoTime() - started) / 1e9);
        responses.add(mirror.toString());
        responses.add(endpoint.get(connectors).toString());
        for (String name : SAMPLES) {
            responses.add(endpoint.get(connectors + "/" + name).toString());
            responses.add(endpoint.get(connectors + "/" + name + "/history").toString());
        }

        assertThat(mirror.toString()).contains("\"ssl.truststore.password\":\"********\"")
                .contains("\"sasl.jaas.config\":\"********\"");
        JsonNode history = endpoint.get(connectors + "/quickstart-mirror-source/history");
        assertThat(history.toString()).as("the pause shows in the history").contains("PAUSED").contains("RUNNING");
        List<String> sinkDiffs = new ArrayList<>();
        endpoint.get(connectors + "/quickstart-file-sink/history").path("data").forEach(entry -> entry
                .path("config_diff").forEach(diff -> sinkDiffs.add(diff.path("key").asText() + ": "
                        + diff.path("old_value").asText() + " -> " + diff.path("new_value").asText())));
        assertThat(sinkDiffs).as("the reconfiguration shows as a config diff")
                .contains("transforms.tag.static.value: usm-quickstart -> usm-quickstart-v2");
        assertThat(Files.readString(stdout)).contains("usm quickstart is running", "Endpoint page", "Agent metrics",
                "Connect REST", "Data directory", "CLI API key", cli.getProperty("api.key"),
                "forwarded to the endpoint");

        stopWithCtrlC(dataDir, stdout, stderr);

        // No secret in anything printed, answered or stored, apart from Connect's own config topic in the
        // broker's log directory, where Apache Kafka keeps connector configurations as they were submitted.
        Path connectConfigTopic = dataDir.resolve("kafka/data");
        assertThat(containsSecret(connectConfigTopic))
                .as("the samples did carry the secrets to Connect, so not finding them elsewhere means something")
                .isTrue();
        for (String secret : SECRETS) {
            assertThat(Files.readString(stdout)).doesNotContain(secret);
            assertThat(Files.readString(stderr)).doesNotContain(secret);
            assertThat(responses).noneMatch(r -> r.contains(secret));
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> leaking = files.filter(Files::isRegularFile).filter(f -> !f.startsWith(connectConfigTopic))
                    .filter(QuickstartIT::fileContainsSecret).collect(Collectors.toList());
            assertThat(leaking).as("files of the data directory holding a sample secret").isEmpty();
        }

        // A second run reuses the data directory: same key, same registration, the samples running again.
        Path stdout2 = tmp.resolve("stdout-2.txt");
        Path stderr2 = tmp.resolve("stderr-2.txt");
        quickstart = startQuickstart(dataDir, ports, stdout2, stderr2);
        awaitValue("the second run to be up", stdout2, stderr2,
                () -> Files.readString(stdout2).contains("usm quickstart is running") ? true : null);
        assertThat(Files.readString(stdout2)).contains("reusing an earlier run's data")
                .contains("CLI API key", cli.getProperty("api.key"));
        JsonNode again = endpoint.get(connectors + "/quickstart-mirror-source");
        assertThat(again.path("state").asText()).isEqualTo("PAUSED");
        stopWithCtrlC(dataDir, stdout2, stderr2);
    }

    private static Process startQuickstart(Path dataDir, List<Integer> ports, Path stdout, Path stderr)
            throws IOException {
        Path usm = Path.of(System.getProperty("repo.dir", "..")).resolve("bin/usm").toAbsolutePath().normalize();
        return new ProcessBuilder(usm.toString(), "quickstart", "--data-dir", dataDir.toString(),
                "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
                "--connect-port", ports.get(2).toString(), "--agent-port", ports.get(3).toString(),
                "--agent-metrics-port", ports.get(4).toString(), "--endpoint-port", ports.get(5).toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Ctrl-C: SIGINT to the usm process only, then it must exit and take its child JVMs with it. */
    private void stopWithCtrlC(Path dataDir, Path stdout, Path stderr) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(quickstart.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        if (!quickstart.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            fail("usm quickstart still runs " + STOP_DEADLINE.toSeconds() + " s after SIGINT");
        }
        assertThat(quickstart.exitValue()).as("the JVM's exit code for SIGINT").isEqualTo(130);
        assertThat(Files.readString(stdout)).contains("usm quickstart: stopped in");
        assertThat(Files.readString(stderr)).as("nothing on standard error").isEmpty();
        awaitValue("no child JVM of the quickstart left", stdout, stderr,
                () -> childJvmsOf(dataDir).isEmpty() ? true : null);
    }

    /** The endpoint's read API with the admin key, trusting the quickstart's CA. */
    private record Endpoint(String url, String key, String secret, Path caPem) {
        JsonNode get(String path) throws Exception {
            HttpClient http = HttpClient.newBuilder().sslContext(TrustedCa.fromPem(caPem)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (key + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        }
    }

    @FunctionalInterface
    private interface Poll<T> {
        T poll() throws Exception;
    }

    /**
     * Polls until {@code poll} gives a value; an {@link IOException} is "not yet" (the last one is in a timeout's
     * message). Fails at once, with the outputs, when the quickstart exits meanwhile.
     */
    private <T> T awaitValue(String what, Path stdout, Path stderr, Poll<T> poll) throws Exception {
        AtomicReference<IOException> last = new AtomicReference<>();
        try {
            return await(what).atMost(START_DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .dontCatchUncaughtExceptions().until(() -> {
                        try {
                            T value = poll.poll();
                            if (value != null) {
                                return value;
                            }
                        } catch (IOException e) {
                            last.set(e);
                        }
                        if (!quickstart.isAlive() && quickstart.exitValue() != 130) {
                            fail("usm quickstart exited with " + quickstart.exitValue() + " while waiting for " + what
                                    + "\nstdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr)
                                    + childLogProblems());
                        }
                        return null;
                    }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            return fail("gave up waiting for " + what + " (last error: " + last.get() + ")\nstdout:\n"
                    + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr) + childLogProblems(), e);
        }
    }

    /**
     * For a failure's message: the last warnings and errors of the child JVMs' logs (Kafka, Connect), which the
     * temporary directory takes with it; each sample secret replaced, since Connect logs configs as given.
     */
    private String childLogProblems() {
        StringBuilder out = new StringBuilder("\nwarnings and errors in the child JVMs' logs (last 40 each):\n");
        try (Stream<Path> logs = Files.list(tmp.resolve("data/logs"))) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).sorted().collect(Collectors.toList())) {
                List<String> problems = Files.readAllLines(log).stream()
                        .filter(l -> l.contains(" ERROR ") || l.contains(" WARN ") || l.contains("Exception"))
                        .collect(Collectors.toList());
                out.append("--- ").append(log.getFileName()).append('\n');
                for (String line : problems.subList(Math.max(0, problems.size() - 40), problems.size())) {
                    for (String secret : SECRETS) {
                        line = line.replace(secret, "[sample secret]");
                    }
                    out.append(line).append('\n');
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            out.append("(none readable: ").append(e.getClass().getSimpleName()).append(")\n");
        }
        return out.toString();
    }

    private Properties awaitProperties(Path file, String requiredKey, Path stdout, Path stderr) throws Exception {
        return awaitValue(file.getFileName() + " with " + requiredKey, stdout, stderr, () -> {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            return p.getProperty(requiredKey) == null ? null : p;
        });
    }

    private static List<ProcessHandle> childJvmsOf(Path dataDir) {
        String tag = "-Dusm.quickstart.dir=" + dataDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(tag)).orElse(false))
                .collect(Collectors.toList());
    }

    private static boolean containsSecret(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).anyMatch(QuickstartIT::fileContainsSecret);
        }
    }

    private static boolean fileContainsSecret(Path file) {
        try {
            // Bytes, not text: the endpoint database and the agent's spool are binary files.
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return SECRETS.stream().anyMatch(content::contains);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
