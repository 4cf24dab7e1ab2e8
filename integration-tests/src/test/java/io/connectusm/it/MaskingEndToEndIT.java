package io.connectusm.it;

import static io.connectusm.events.ConnectorSnapshot.MASKED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.certs.TlsContexts;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.extension.ConnectWorkerProcess;
import io.connectusm.extension.WorkerPki;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9's promise end to end, against a corpus nobody tuned for: a {@code ConnectDistributed} worker with the
 * plugin ZIP in {@code plugin.path} runs a real MirrorSourceConnector, FileStream source and sink connectors and two
 * sinks whose tasks fail with traces that echo secrets — one from its own config, one resolved by the worker through
 * its FileConfigProvider — all planted with secrets generated fresh for this run ({@link PlantedSecrets},
 * {@link MaskingScenario}); the config is updated by PUT and PATCH (old values go to history) and one connector is
 * deleted. The worker reports to the real agent (in this JVM, mTLS), which forwards to the real endpoint (in this JVM,
 * an H2 file), each hop through a {@link RecordingTlsRelay}. Then every byte is searched for every planted secret, raw
 * or encoded ({@link LeakScanner}): every byte the worker sent to the agent and the agent to the endpoint (and their
 * answers), every {@code /usm/v1} response (connectors, each connector, each history), every console page reachable after logging in
 * through {@code /ui/login}, the agent's spool and control plane, the endpoint's database files, every log line of
 * this JVM and every line the extension wrote to the worker's log. What Connect itself logged is reported, not
 * asserted. A user's checks too: masked keys show {@code ********}, credentials are cut out of values with the rest
 * kept, failure traces are there with the secrets scrubbed, the over-masking probes of issue #9 come back unchanged.
 *
 * <p>The test prints counts and key names only, never a value.
 */
class MaskingEndToEndIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String ENVIRONMENT = "env-masking";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORKER_LOG_RECORD = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) \\[.*?\\] (\\S+) - ");

    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile("(?im)^(authorization):[^\r\n]*");

    private final PlantedSecrets secrets = new PlantedSecrets();
    private final StartedComponents started = new StartedComponents();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFreshCorpusOfSecretsLeaksNowhereAndHarmlessValuesComeBackUnchanged() throws Exception {
        long began = System.nanoTime();
        Path root = Files.createDirectories(Path.of("target", "masking-e2e").toAbsolutePath());
        Path dir = Files.createTempDirectory(root, "run-");
        String group = "connect-masking-" + secrets.word(6);
        WorkerPki pki = WorkerPki.create(dir.resolve("pki"), group);
        try (JvmLogCapture jvmLogs = JvmLogCapture.start()) {
            try {
                run(dir, group, pki, jvmLogs, began);
            } finally {
                stopAll();
            }
        }
    }

    private void run(Path dir, String group, WorkerPki pki, JvmLogCapture jvmLogs, long began) throws Exception {
        // The broker (in this JVM), the endpoint on an H2 file, the registrations, the agent.
        EmbeddedKafkaCluster kafka = started.broker();
        String kafkaClusterId = InProcessPipeline.clusterId(kafka);
        String serverPassword = secrets.plant("pipeline", "endpoint+agent", "ssl.keystore.password",
                new String(pki.server().password()));
        Path endpointData = dir.resolve("endpoint-data");
        UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(
                "bind.address", "127.0.0.1", "port", "0", "data.dir", endpointData.toString(),
                "ssl.keystore.location", pki.server().keystore().toString(), "ssl.keystore.password", serverPassword,
                "default.environment", ENVIRONMENT)));
        started.push(endpoint);
        String endpointUrl = "https://localhost:" + endpoint.port();
        // Every byte the agent sends to the endpoint passes a recording relay (the agent needs no client certificate).
        SSLContext serverTls = TlsContexts.sslContext(pki.server().directory());
        RecordingTlsRelay agentToEndpoint = RecordingTlsRelay.start(serverTls, false, serverTls, endpoint.port());
        started.push(agentToEndpoint);
        endpoint.registerKafkaCluster(ENVIRONMENT, kafkaClusterId, "aws", "eu-west-1");
        String usmcc = endpoint.registerConnectCluster(ENVIRONMENT, kafkaClusterId, group);
        ApiKeyCredentials admin = endpoint.apiKeys().create(ApiRole.ADMIN, "masking IT: the checks");
        ApiKeyCredentials agentKey = endpoint.apiKeys().create(ApiRole.AGENT, "masking IT: the agent");
        secrets.plant("pipeline", "endpoint", "admin api secret", admin.secret());
        secrets.plant("pipeline", "agent", "endpoint.api.secret", agentKey.secret());
        Http http = new Http(pki, endpointUrl, admin);

        Path agentSecret = dir.resolve("agent-api-secret.properties");
        Files.writeString(agentSecret, "secret=" + agentKey.secret() + "\n");
        Path spool = dir.resolve("agent-spool");
        Map<String, String> agentProps = new LinkedHashMap<>(InProcessPipeline.agentProperties("masking-it-agent", pki,
                spool, agentToEndpoint.port(), ENVIRONMENT, agentKey.key(), agentSecret));
        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(agentProps, Map.of()));
        started.push(agent);
        // Every byte the worker sends to the agent passes a recording relay, which shows the agent the worker's own
        // client certificate: what the agent received is what the extension sent, before any receiver coalesces it.
        RecordingTlsRelay workerToAgent = RecordingTlsRelay.start(serverTls, true,
                TlsContexts.sslContext(pki.client().directory()), agent.dataPort());
        started.push(workerToAgent);

        // The worker: a ConnectDistributed JVM with the plugin ZIP in plugin.path, the documented block.
        Path workerDir = Files.createDirectories(dir.resolve("worker"));
        Path plugins = ConnectWorkerProcess.unzipPlugin(workerDir);
        KafkaVersionMatrixIT.copyDirectory(Path.of(System.getProperty("test.connector.plugin")),
                plugins.resolve("connect-usm-test-connector"));
        String storePassword = secrets.plant("pipeline", "worker", "ssl.keystore.password",
                new String(pki.client().password()));
        int restPort = ConnectWorkerProcess.freePort();
        List<String> workerProps = new ArrayList<>(ConnectWorkerProcess.clusterProperties(kafka.bootstrapServers(),
                group, "http://localhost:" + restPort, plugins));
        workerProps.removeIf(line -> line.startsWith("rest.extension.classes="));
        workerProps.add("plugin.discovery=service_load");
        workerProps.addAll(WorkerPropertiesStyle.DOCUMENTED.properties(pki.client().directory(),
                "https://localhost:" + workerToAgent.port(), storePassword));
        workerProps.add("confluent.connect.metadata.events.reconcile.interval.ms=1000");
        ConnectWorkerProcess worker = ConnectWorkerProcess.start(workerDir, "worker", workerProps, restPort,
                InProcessPipeline.workerClasspath(), List.of());
        started.push(worker);
        worker.awaitRest(DEADLINE);
        long workerUp = System.nanoTime();

        // The connectors, with the fresh corpus.
        String topic = "masking-" + secrets.word(5);
        kafka.createTopic(topic, 1);
        MaskingScenario scenario = new MaskingScenario(secrets, topic);
        Path in = Files.createFile(workerDir.resolve("in.txt"));
        Path secretsFile = workerDir.resolve("upstream-secrets.properties");
        Files.writeString(secretsFile, scenario.resolvedFileContent());
        create(worker, MaskingScenario.MIRROR, scenario.mirror(kafka.bootstrapServers()));
        create(worker, MaskingScenario.FILES_IN, scenario.filesIn(in.toString()));
        create(worker, MaskingScenario.FILES_OUT, scenario.filesOut(workerDir.resolve("out.txt").toString()));
        create(worker, MaskingScenario.FAILING_ECHO, scenario.failingEcho());
        create(worker, MaskingScenario.FAILING_RESOLVED, scenario.failingResolved(secretsFile.toString()));
        String connectors = "/usm/v1/connect-clusters/" + usmcc + "/connectors";
        http.await(connectors + "/" + MaskingScenario.FILES_IN, c -> "100".equals(c.path("config").path("batch.size").asText()));
        send(worker, "PUT", "/connectors/" + MaskingScenario.FILES_IN + "/config", scenario.filesInPut(), 200);
        http.await(connectors + "/" + MaskingScenario.FILES_IN, c -> "200".equals(c.path("config").path("batch.size").asText()));
        send(worker, "PATCH", "/connectors/" + MaskingScenario.FILES_IN + "/config", scenario.filesInPatch(), 200);
        JsonNode filesIn = http.await(connectors + "/" + MaskingScenario.FILES_IN,
                c -> "300".equals(c.path("config").path("batch.size").asText()));
        http.await(connectors + "/" + MaskingScenario.FILES_OUT, c -> c.path("config").has("topics"));
        send(worker, "DELETE", "/connectors/" + MaskingScenario.FILES_OUT, null, 204);
        JsonNode mirror = http.await(connectors + "/" + MaskingScenario.MIRROR, c -> c.path("config").size() > 5);
        JsonNode echo = http.await(connectors + "/" + MaskingScenario.FAILING_ECHO, MaskingEndToEndIT::taskFailedWithTrace);
        JsonNode resolved = http.await(connectors + "/" + MaskingScenario.FAILING_RESOLVED,
                MaskingEndToEndIT::taskFailedWithTrace);
        http.awaitStatus(connectors + "/" + MaskingScenario.FILES_OUT, 404);
        long settled = System.nanoTime();

        // What a user checks on the API.
        Set<String> filesInMasked = texts(filesIn.path("masked_keys"));
        for (String key : scenario.filesInMaskedWhole()) {
            assertThat(filesIn.path("config").path(key).asText()).as("files-in/%s", key).isEqualTo(MASKED_VALUE);
            assertThat(filesInMasked).as("masked_keys of files-in").contains(key);
        }
        for (String key : MaskingScenario.filesInCutKeys()) {
            assertThat(filesIn.path("config").path(key).asText()).as("files-in/%s keeps all but its credential", key)
                    .contains(MASKED_VALUE).isNotEqualTo(MASKED_VALUE);
            assertThat(filesInMasked).as("masked_keys of files-in").doesNotContain(key);
        }
        assertThat(filesIn.path("config").path("connection.url").asText())
                .isEqualTo("jdbc:postgresql://app:" + MASKED_VALUE + "@db.example.com:5432/orders?ssl=true");
        assertThat(filesIn.path("config").path("repo.url").asText())
                .isEqualTo("https://" + MASKED_VALUE + "@github.com/acme/orders.git");
        Map<String, String> probesBack = new TreeMap<>();
        MaskingScenario.HARMLESS.keySet().forEach(key -> probesBack.put(key, filesIn.path("config").path(key).asText()));
        assertThat(probesBack).as("the over-masking probes of issue #9, through the API")
                .isEqualTo(new TreeMap<>(MaskingScenario.HARMLESS));
        assertThat(filesInMasked).doesNotContainAnyElementsOf(MaskingScenario.HARMLESS.keySet());
        assertThat(texts(mirror.path("masked_keys"))).as("masked_keys of mirror").containsAll(
                secrets.all().stream().filter(p -> p.connector().equals(MaskingScenario.MIRROR))
                        .map(PlantedSecrets.Planted::key).collect(Collectors.toSet()));
        assertThat(taskTrace(echo)).as("the echoing task's trace, scrubbed")
                .contains("ConnectException: cannot reach jdbc:postgresql://app:" + MASKED_VALUE + "@db.example.com")
                .contains(MASKED_VALUE);
        assertThat(taskTrace(resolved)).as("the trace with secrets resolved from a file, scrubbed")
                .contains("upstream refused password=" + MASKED_VALUE + " while " + MASKED_VALUE + " was in use");
        JsonNode history = http.get(connectors + "/" + MaskingScenario.FILES_IN + "/history").json();
        assertThat(history.path("data").size()).as("history entries of files-in (create, PUT, PATCH …)")
                .isGreaterThanOrEqualTo(3);

        // Every byte served, stored or logged, searched for every planted secret. A harmless value that is stored and
        // served in clear is searched the same way, to show that each place is read as it holds the data.
        LeakScanner scanner = new LeakScanner(secrets.all());
        String visible = MaskingScenario.HARMLESS.get("aws.credentials.provider.class");
        LeakScanner visibility = new LeakScanner(List.of(new PlantedSecrets.Planted("visible", "files-in",
                "aws.credentials.provider.class", List.of(visible))));
        Set<String> seenVisible = new LinkedHashSet<>();
        Map<String, Set<String>> leaks = new LinkedHashMap<>();
        Map<String, Integer> scanned = new LinkedHashMap<>();
        List<String> apiPaths = new ArrayList<>(List.of("/usm/v1/kafka-clusters?environment=" + ENVIRONMENT,
                "/usm/v1/connect-clusters?environment=" + ENVIRONMENT, "/usm/v1/connect-clusters/" + usmcc, connectors));
        for (String name : List.of(MaskingScenario.MIRROR, MaskingScenario.FILES_IN, MaskingScenario.FILES_OUT,
                MaskingScenario.FAILING_ECHO, MaskingScenario.FAILING_RESOLVED)) {
            apiPaths.add(connectors + "/" + name);
            apiPaths.add(connectors + "/" + name + "/history");
        }
        StringBuilder api = new StringBuilder();
        for (String path : apiPaths) {
            Http.Response response = http.get(path);
            api.append(response.body()).append('\n');
            record(leaks, scanner.scan("API GET " + path, response.body()));
        }
        seenVisible.addAll(visibility.scan("API responses", api.toString()));
        scanned.put("API responses", api.length());
        StringBuilder pages = new StringBuilder();
        // Every connector's page is visited, the deleted one's too (whose history must not be served as a page).
        List<String> connectorPages = Stream.of(MaskingScenario.MIRROR, MaskingScenario.FILES_IN,
                MaskingScenario.FILES_OUT, MaskingScenario.FAILING_ECHO, MaskingScenario.FAILING_RESOLVED)
                .map(name -> "/ui/connect-clusters/" + usmcc + "/connectors/" + name).toList();
        int pageCount = http.crawlConsole(connectorPages, body -> pages.append(body).append('\n'), (path, body) ->
                record(leaks, scanner.scan("page GET " + path, body)));
        scanned.put("console pages (" + pageCount + ")", pages.length());
        seenVisible.addAll(visibility.scan("console pages", pages.toString()));
        assertThat(pages.toString()).as("the console shows the connectors").contains(MaskingScenario.FILES_IN)
                .contains(MaskingScenario.FAILING_ECHO);
        for (String path : List.of("/metrics", "/v1/clusters")) {
            String body = Http.plain("http://127.0.0.1:" + agent.controlPort() + path);
            scanned.merge("agent control plane", body.length(), Integer::sum);
            record(leaks, scanner.scan("agent GET " + path, body));
        }

        // Stop the worker, then the agent and the endpoint, so that their files and logs are complete.
        stopAll();
        scanned.put("agent spool files", scanFiles(scanner, leaks, "agent file", spool));
        scanned.put("endpoint database files", scanFiles(scanner, leaks, "endpoint file", endpointData));
        Map<String, Set<String>> visibleInFiles = new LinkedHashMap<>();
        scanFiles(visibility, visibleInFiles, "agent files", spool);
        scanFiles(visibility, visibleInFiles, "endpoint files", endpointData);
        visibleInFiles.keySet().forEach(place -> seenVisible.add("in " + place.substring(0, place.indexOf(" files") + 6)));
        for (Map.Entry<String, RecordingTlsRelay> hop : Map.of("bytes the worker sent to the agent", workerToAgent,
                "bytes the agent sent to the endpoint", agentToEndpoint).entrySet()) {
            String sent = withoutAuthorization(hop.getValue().requests());
            String answered = hop.getValue().responses();
            scanned.put(hop.getKey() + " and the answers", sent.length() + answered.length());
            record(leaks, scanner.scan(hop.getKey(), sent));
            record(leaks, scanner.scan("answers to the " + hop.getKey(), answered));
            if (!visibility.scan(hop.getKey(), sent).isEmpty()) {
                seenVisible.add("in " + hop.getKey());
            }
        }
        assertThat(String.join("; ", seenVisible)).as("a harmless value in clear is seen by the scan of each place")
                .contains("in API responses", "in console pages", "in agent files", "in endpoint files",
                        "in bytes the worker sent to the agent", "in bytes the agent sent to the endpoint");
        String testJvm = jvmLogs.text();
        scanned.put("log lines of this JVM (agent, endpoint, broker)", testJvm.length());
        record(leaks, scanner.scan("log of this JVM", testJvm));
        Map<String, Set<String>> connectOwn = new TreeMap<>();
        int ourLines = 0;
        int ourChars = 0;
        for (Map.Entry<String, String> entry : workerLogRecords(Files.readString(worker.log())).entrySet()) {
            boolean ours = entry.getKey().startsWith("io.connectusm");
            Set<String> found = scanner.scan("worker log, logger " + entry.getKey(), entry.getValue());
            if (ours) {
                ourLines += entry.getValue().lines().count();
                ourChars += entry.getValue().length();
                record(leaks, found);
            } else if (!found.isEmpty()) {
                connectOwn.put(entry.getKey(), found);
            }
        }
        scanned.put("worker log lines of io.connectusm (" + ourLines + " lines)", ourChars);

        // The report: counts and names only.
        System.out.println("MaskingEndToEndIT: planted " + secrets.all().size() + " secrets " + secrets.countsByCategory()
                + ", searched as " + scanner.needles() + " forms; fresh secret-named keys of files-in: "
                + scenario.namedKeys());
        scanned.forEach((place, chars) -> System.out.println("  scanned " + place + ": " + chars + " chars"));
        System.out.println("  Connect's own worker log lines holding a planted secret (not ours; reported): "
                + connectOwn.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue().size() + " "
                + e.getValue().stream().map(f -> f.substring(0, f.indexOf(" as "))).distinct().toList())
                .collect(Collectors.joining("; ")));
        System.out.printf("  worker up %.0f s, scenario settled at the endpoint %.0f s later, whole test %.0f s%n",
                (workerUp - began) / 1e9, (settled - workerUp) / 1e9, (System.nanoTime() - began) / 1e9);
        assertThat(leaks).as("planted secrets found (label as form in place; never the value)").isEmpty();
    }

    /**
     * The recorded requests with each Authorization header's value blanked: it is the hop's own credential, sent to
     * the one receiver it is for (the agent's API secret to the endpoint); everything else is scanned.
     */
    private static String withoutAuthorization(String requests) {
        return AUTHORIZATION_HEADER.matcher(requests).replaceAll("$1: (this hop's credential, not scanned)");
    }

    private static boolean taskFailedWithTrace(JsonNode connector) {
        JsonNode task = connector.path("tasks").path(0);
        return "FAILED".equals(task.path("state").asText()) && task.hasNonNull("trace");
    }

    private static String taskTrace(JsonNode connector) {
        return connector.path("tasks").path(0).path("trace").asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("key").asText()));
        return out;
    }

    private static void record(Map<String, Set<String>> leaks, Set<String> found) {
        for (String finding : found) {
            String place = finding.substring(finding.indexOf(" in ") + 4);
            leaks.computeIfAbsent(place, k -> new LinkedHashSet<>()).add(finding.substring(0, finding.indexOf(" in ")));
        }
    }

    private static int scanFiles(LeakScanner scanner, Map<String, Set<String>> leaks, String label, Path dir)
            throws IOException {
        int bytes = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                bytes += content.length;
                // ISO-8859-1: every byte one char, so an ASCII secret matches whatever surrounds it
                record(leaks, scanner.scan(label + " " + dir.relativize(file), new String(content,
                        StandardCharsets.ISO_8859_1)));
            }
        }
        return bytes;
    }

    /** The worker's log as records (a line with its continuation lines, e.g. a stack trace) grouped by logger. */
    private static Map<String, String> workerLogRecords(String log) {
        Map<String, StringBuilder> byLogger = new TreeMap<>();
        StringBuilder current = byLogger.computeIfAbsent("(before the first record)", k -> new StringBuilder());
        for (String line : log.split("\n", -1)) {
            Matcher m = WORKER_LOG_RECORD.matcher(line);
            if (m.find()) {
                current = byLogger.computeIfAbsent(m.group(2), k -> new StringBuilder());
            }
            current.append(line).append('\n');
        }
        Map<String, String> out = new TreeMap<>();
        byLogger.forEach((logger, text) -> out.put(logger, text.toString()));
        return out;
    }

    private void create(ConnectWorkerProcess worker, String name, Map<String, String> config) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", JSON.valueToTree(config));
        send(worker, "POST", "/connectors", body, 201);
    }

    /** A REST call to the worker; on an unexpected status only the status is shown (Connect echoes configs). */
    private static void send(ConnectWorkerProcess worker, String method, String path, Object body, int expected)
            throws Exception {
        HttpResponse<String> response = worker.send(method, path, body == null ? null : JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(method + " " + path + " (body not shown: it may echo secrets)")
                .isEqualTo(expected);
    }

    private void stopAll() {
        started.stopAll();
    }

    /** HTTPS calls to the endpoint as the admin: the API with basic auth, the console with a session cookie. */
    private static final class Http {

        record Response(int status, String body) {
            JsonNode json() throws IOException {
                return JSON.readTree(body);
            }
        }

        private static final Pattern LINK = Pattern.compile("href=\"(/ui[^\"#]*)\"");

        private final HttpClient client;
        private final String base;
        private final String authorization;
        private final ApiKeyCredentials admin;

        Http(WorkerPki pki, String base, ApiKeyCredentials admin) {
            this.client = HttpClient.newBuilder().sslContext(pki.serverContext()).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            this.base = base;
            this.admin = admin;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((admin.key() + ":" + admin.secret())
                    .getBytes(StandardCharsets.UTF_8));
        }

        Response get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET());
        }

        /** Polls a connector until {@code condition} holds; returns it. A timeout shows the last status, no body. */
        JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
            AtomicReference<Response> last = new AtomicReference<>();
            try {
                Awaitility.await("the expected state at " + path).atMost(DEADLINE).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(250)).dontCatchUncaughtExceptions().until(() -> {
                            Response response = get(path);
                            last.set(response);
                            return response.status() == 200 && condition.test(response.json());
                        });
                return last.get().json();
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the endpoint never showed the expected state at " + path + " within "
                        + DEADLINE + " (last status " + (last.get() == null ? 0 : last.get().status()) + ")", e);
            }
        }

        void awaitStatus(String path, int status) {
            Awaitility.await(path + " answering " + status).atMost(DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250)).dontCatchUncaughtExceptions()
                    .until(() -> get(path).status(), answered -> answered == status); // the last status in a timeout
        }

        /**
         * Logs in through {@code /ui/login} and visits every console page linked from {@code /ui} and {@code seeds}
         * (GET only, at most 60), handing each body to {@code scan}. Returns the number of pages.
         */
        int crawlConsole(List<String> seeds, java.util.function.Consumer<String> all, java.util.function.BiConsumer<String, String> scan)
                throws IOException, InterruptedException {
            String form = "api_key=" + URLEncoder.encode(admin.key(), StandardCharsets.UTF_8) + "&api_secret="
                    + URLEncoder.encode(admin.secret(), StandardCharsets.UTF_8) + "&next=%2Fui";
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("console login").isEqualTo(303);
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of("/ui/login", "/ui"));
            queue.addAll(seeds);
            while (!queue.isEmpty() && seen.size() < 60) {
                String path = queue.poll().replace("&amp;", "&");
                if (!seen.add(path) || path.startsWith("/ui/logout")) {
                    continue;
                }
                Response page = send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET());
                assertThat(page.status()).as("GET " + path).isIn(200, 404);
                all.accept(page.body());
                scan.accept(path, page.body());
                Matcher links = LINK.matcher(page.body());
                while (links.find()) {
                    queue.add(links.group(1));
                }
            }
            return seen.size();
        }

        private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }

        static String plain(String url) throws IOException, InterruptedException {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
