package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.ingest.AgentChannelInitializer;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.TestPki;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger test: the agent runs as a child JVM ({@link AgentMain}), a worker posts batches as fast as it
 * can, and the agent is killed with {@code kill -9} at random moments, many times, while the endpoint is
 * sometimes down. Every event that got a 204 must reach the endpoint in the end; duplicates are allowed,
 * losses are not. The last run ends with SIGTERM, which must drain and exit 0.
 */
class DurabilityIT {

    private static final int KILLS = 15;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String classpath;

    /** One child agent: its process, its output, its data port. */
    private record Child(Process process, StringBuffer output, int dataPort) {
    }

    @Test
    void everyAcknowledgedBatchReachesTheEndpointDespiteKillMinus9() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Random random = new Random(42);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        StringBuffer allOutput = new StringBuffer();
        AtomicInteger batchNumber = new AtomicInteger();
        HttpClient worker = AgentHarness.client(pki.client(CLUSTER.connectClusterId()));
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER)) {
            Path configFile = writeConfig(pki, endpoint);
            for (int kill = 0; kill < KILLS; kill++) {
                // The endpoint is down for a stretch of runs: the spool must carry events across restarts.
                endpoint.down.set(kill >= 4 && kill < 8);
                Child child = start(configFile);
                AtomicBoolean sending = new AtomicBoolean(true);
                CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                    while (sending.get()) {
                        post(worker, child.dataPort(), batchNumber.getAndIncrement(), acknowledged);
                    }
                });
                // Killed while batches are in flight: first some acknowledgements (a slow, loaded machine may take
                // seconds to start the child), then a random moment within the stream.
                int before = acknowledged.size();
                await("the child agent acknowledges batches").atMost(Duration.ofSeconds(60))
                        .until(() -> acknowledged.size() >= before + 5);
                Thread.sleep(random.nextInt(600));
                child.process().destroyForcibly();
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                sending.set(false);
                sender.get(60, TimeUnit.SECONDS);
                allOutput.append(child.output());
            }
            assertThat(acknowledged).as("batches acknowledged across the kills").hasSizeGreaterThan(KILLS * 5);

            endpoint.down.set(false);
            Child last = start(configFile);
            await("every acknowledged event at the endpoint").atMost(Duration.ofSeconds(90))
                    .until(() -> endpoint.receivedIds.containsAll(acknowledged));
            System.out.printf("DurabilityIT: %d kills, %d events acknowledged, %d received by the endpoint%n", KILLS,
                    acknowledged.size(), endpoint.receivedIds.size());
            last.process().destroy(); // SIGTERM
            assertThat(last.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(last.process().exitValue()).as("exit code after SIGTERM").isZero();
            allOutput.append(last.output());
        }
        String output = allOutput.toString();
        assertThat(output).contains(AgentMain.STARTED_LINE_PREFIX);
        assertThat(output).doesNotContain(new String(pki.server().password())).doesNotContain(LedgerEndpoint.API_SECRET);
    }

    private Path writeConfig(TestPki pki, LedgerEndpoint endpoint) throws IOException {
        Properties properties = new Properties();
        properties.putAll(AgentHarness.baseConfig(pki, dir, CLUSTER));
        properties.putAll(endpoint.agentConfig(pki.server()));
        Path file = dir.resolve("agent.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "DurabilityIT");
        }
        return file;
    }

    /**
     * This JVM's class path for the child, with snapshot jars copied aside first: other builds on the machine
     * reinstall them into the shared local repository while this test runs, and a jar rewritten under a
     * running JVM breaks its class loading.
     */
    private String childClasspath() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(expandManifestClassPath(Path.of(entry)));
        }
        List<String> result = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().endsWith("-SNAPSHOT.jar") && Files.isRegularFile(path)) {
                Path copy = lib.resolve(result.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                result.add(copy.toString());
            } else {
                result.add(entry);
            }
        }
        return String.join(File.pathSeparator, result);
    }

    /** Surefire and failsafe may start tests with a manifest-only jar; its Class-Path holds the real entries. */
    private static List<String> expandManifestClassPath(Path entry) throws IOException {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of(entry.toString());
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || jar.getEntry("io/connectusm/agent/DurabilityIT.class") != null) {
                return List.of(entry.toString());
            }
            List<String> expanded = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                expanded.add(Path.of(entry.getParent().toUri().resolve(url)).toString());
            }
            return expanded;
        }
    }

    private Child start(Path configFile) throws Exception {
        if (classpath == null) {
            classpath = childClasspath();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                classpath, AgentMain.class.getName(), "--config", configFile.toString())
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(AgentMain.STARTED_LINE_PREFIX)) {
                        String value = line.replaceAll(".*data\\.port=(\\d+).*", "$1");
                        port.complete(Integer.parseInt(value));
                    }
                }
            } catch (IOException e) {
                // The process was killed.
            }
            port.completeExceptionally(new AssertionError("the agent ended before it started:\n" + output));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return new Child(process, output, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    /** Posts one batch of 5 snapshots of connectors never seen before; records their IDs on a 204. */
    private static void post(HttpClient worker, int port, int batch, Set<String> acknowledged) {
        List<MetadataEvent> events = TestEvents.snapshots(CLUSTER, "b" + batch + "-", 5);
        try {
            HttpResponse<Void> response = worker.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                    + AgentChannelInitializer.EVENTS_PATH)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", io.connectusm.events.MediaTypes.CLOUDEVENTS_BATCH_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestEvents.batch(events))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 204) {
                events.forEach(event -> acknowledged.add(event.id()));
            }
        } catch (IOException e) {
            // Killed mid-request: not acknowledged, so not owed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
