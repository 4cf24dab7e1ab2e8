package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.extension.ConnectWorkerProcess;
import io.connectusm.extension.WorkerPki;
import io.connectusm.it.connector.FailingSinkConnector;
import io.connectusm.testkit.PrometheusText;
import io.connectusm.testkit.Promtool;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #15's Tests section on the real pipeline: a KRaft broker, two {@code ConnectDistributed} workers of one
 * Connect cluster with the plugin ZIP and Kafka's {@code BasicAuthSecurityRestExtension} (JAAS property-file login),
 * the real agent and endpoint (in this JVM, mTLS, an H2 file), and a real webhook receiver (the JDK's HTTP server on
 * loopback).
 * <ol>
 *   <li>alice stops, then deletes, one connector through each worker: one of the two is a follower, which forwards
 *       both calls to the leader, so both workers report each change (the leader with her principal only). The
 *       endpoint's history says, for both connectors, "stopped by alice from 127.0.0.1 (curl/8.5.0)" and "deleted by
 *       alice from 127.0.0.1 (curl/8.5.0)": the fuller report wins whichever arrives first.</li>
 *   <li>a sink whose task throws in {@code put()} gets a record: its task FAILED reaches the endpoint, whose webhook
 *       {@code oncall} ({@code task.failed}, signed) POSTs to the receiver, which answers 503; once the receiver has
 *       refused it, the endpoint is stopped and started again on the same database, the receiver now accepting.
 *       Exactly one delivery is acknowledged with a 2xx, every attempt carries the same idempotency key and a valid
 *       HMAC-SHA256 signature, and no second one comes.</li>
 *   <li>{@code /metrics} of the restarted endpoint passes {@code promtool check metrics} and holds the FAILED task's
 *       series; fed to {@code promtool test rules} with the shipped rules, it fires {@code UsmConnectorTaskFailed}
 *       after five minutes, with the scraped labels.</li>
 * </ol>
 */
class AlertingPipelineIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String ENVIRONMENT = "env-alerts";
    private static final String GROUP = "connect-alerts";
    private static final String ALICE_AGENT = "curl/8.5.0";
    private static final String SECRET = "webhook-shared-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StartedComponents started = new StartedComponents();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopAll() {
        started.stopAll();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aliceIsNamedForForwardedChangesAndAFailedTaskIsOneSignedWebhookAcrossAnEndpointRestart() throws Exception {
        assumeTrue(Promtool.installed() || Promtool.required(), "promtool not installed at " + Promtool.path());
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "alerting").toAbsolutePath()),
                "run-");
        WorkerPki pki = WorkerPki.create(dir.resolve("pki"), GROUP);
        EmbeddedKafkaCluster kafka = started.broker();
        String kafkaClusterId = InProcessPipeline.clusterId(kafka);

        Receiver receiver = new Receiver();
        started.push(receiver);
        Path secretFile = Files.writeString(dir.resolve("oncall.secret"), SECRET + "\n");
        int endpointPort = ConnectWorkerProcess.freePort();
        Map<String, String> endpointProps = new HashMap<>(Map.ofEntries(
                Map.entry("bind.address", "127.0.0.1"), Map.entry("port", String.valueOf(endpointPort)),
                Map.entry("data.dir", dir.resolve("endpoint-data").toString()),
                Map.entry("ssl.keystore.location", pki.server().keystore().toString()),
                Map.entry("ssl.keystore.password", new String(pki.server().password())),
                Map.entry("default.environment", ENVIRONMENT),
                Map.entry("metrics.port", "0"), Map.entry("metrics.cache.ms", "200"),
                Map.entry("webhook.oncall.url", receiver.url()),
                Map.entry("webhook.oncall.events", "task.failed"),
                Map.entry("webhook.oncall.secret.file", secretFile.toString()),
                Map.entry("webhooks.poll.interval.ms", "200"),
                Map.entry("webhooks.retry.backoff.ms", "300"),
                Map.entry("webhooks.retry.backoff.max.ms", "1000")));
        UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(endpointProps));
        started.push(endpoint);
        endpoint.registerKafkaCluster(ENVIRONMENT, kafkaClusterId, "aws", "eu-west-1");
        String usmcc = endpoint.registerConnectCluster(ENVIRONMENT, kafkaClusterId, GROUP);
        ApiKeyCredentials admin = endpoint.apiKeys().create(ApiRole.ADMIN, "alerting IT: the checks");
        ApiKeyCredentials agentKey = endpoint.apiKeys().create(ApiRole.AGENT, "alerting IT: the agent");
        EndpointApi api = new EndpointApi(pki, "https://localhost:" + endpointPort, admin, usmcc);

        Path agentSecret = Files.writeString(dir.resolve("agent-api-secret.properties"),
                "secret=" + agentKey.secret() + "\n");
        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(InProcessPipeline.agentProperties("alerting-agent",
                pki, dir.resolve("agent-spool"), endpointPort, ENVIRONMENT, agentKey.key(), agentSecret), Map.of()));
        started.push(agent);

        Path jaas = jaas(dir);
        List<ConnectWorkerProcess> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(startWorker(dir, "worker-" + i, kafka, pki, "https://localhost:" + agent.dataPort(), jaas));
        }
        for (ConnectWorkerProcess worker : workers) {
            worker.awaitRest(DEADLINE);
        }
        assertThat(workers.get(0).send("GET", "/connectors", null).statusCode())
                .as("the workers authenticate REST calls").isEqualTo(401);
        kafka.createTopic("alerts-in", 1);

        // 1. alice stops then deletes one connector through each worker; one of the two calls is forwarded.
        List<String> names = List.of("audited-0", "audited-1");
        for (int i = 0; i < 2; i++) {
            assertThat(alice(workers.get(i), "PUT", "/connectors/" + names.get(i) + "/config",
                    sinkConfig(Map.of())).statusCode()).isIn(200, 201);
        }
        for (String name : names) {
            awaitConnector(api, name, c -> "RUNNING".equals(c.path("state").asText())
                    && "RUNNING".equals(c.path("tasks").path(0).path("state").asText()));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(alice(workers.get(i), "PUT", "/connectors/" + names.get(i) + "/stop", null).statusCode())
                    .isIn(202, 204);
        }
        for (String name : names) {
            awaitHistory(api, name, "stopped by alice from 127.0.0.1 (" + ALICE_AGENT + ")");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(alice(workers.get(i), "DELETE", "/connectors/" + names.get(i), null).statusCode())
                    .isEqualTo(204);
        }
        for (String name : names) {
            awaitHistory(api, name, "deleted by alice from 127.0.0.1 (" + ALICE_AGENT + ")");
        }

        // 2. A task fails in put(); its webhook is refused until the endpoint has restarted.
        assertThat(alice(workers.get(0), "POST", "/connectors", "{\"name\":\"failing-sink\",\"config\":"
                + sinkConfig(Map.of(FailingSinkConnector.PUT_FAILURE_MESSAGE_CONFIG, "the sink's database refused"))
                + "}").statusCode()).isEqualTo(201);
        awaitConnector(api, "failing-sink", c -> "RUNNING".equals(c.path("tasks").path(0).path("state").asText()));
        long poisoned = System.nanoTime();
        kafka.produce("alerts-in", "a record the sink cannot write");
        awaitConnector(api, "failing-sink", c -> "FAILED".equals(c.path("tasks").path(0).path("state").asText()));
        Awaitility.await("the webhook's first attempt").atMost(DEADLINE).until(() -> !receiver.requests.isEmpty());
        double firstAttemptSeconds = (System.nanoTime() - poisoned) / 1e9;
        endpoint.close();
        started.remove(endpoint);
        receiver.accept.set(true);
        endpoint = UsmEndpoint.start(new EndpointConfig(endpointProps));
        started.push(endpoint);
        Awaitility.await("a delivery the receiver acknowledged").atMost(DEADLINE)
                .until(() -> receiver.requests.stream().anyMatch(r -> r.status == 200));
        // No second delivery: the outbox row is done once a 2xx is recorded.
        Awaitility.await("no second acknowledged delivery").during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.requests.stream().filter(r -> r.status == 200).count() == 1);
        assertThat(receiver.requests.stream().filter(r -> r.status == 200)).hasSize(1);
        assertThat(receiver.requests.get(0).status).as("refused before the restart").isEqualTo(503);
        for (Received r : receiver.requests) {
            JsonNode body = JSON.readTree(r.body);
            assertThat(body.path("type").asText()).isEqualTo("io.connectusm.alert.task.failed");
            assertThat(body.path("subject").asText()).isEqualTo("failing-sink");
            assertThat(body.path("id").asText()).as("one transition, one idempotency key")
                    .isEqualTo(JSON.readTree(receiver.requests.get(0).body).path("id").asText());
            assertThat(r.signature).as("signed").isEqualTo("sha256=" + hmac(r.timestamp + "." + r.body));
        }
        assertThat(String.join("\n", receiver.requests.stream().map(r -> r.body).toList()))
                .doesNotContain(SECRET).doesNotContain("alice-pw");
        System.out.printf("AlertingPipelineIT: first webhook attempt %.1f s after the failing record; %d attempts, "
                + "1 acknowledged%n", firstAttemptSeconds, receiver.requests.size());

        // 3. /metrics: Prometheus' parser accepts it, the FAILED task is there, and the shipped rule fires on it.
        String metrics = scrape(endpoint.metricsPort());
        Path scraped = Files.writeString(dir.resolve("metrics.txt"), metrics);
        Promtool.Result check = Promtool.run(dir, List.of("check", "metrics"), scraped);
        assertThat(check.exit()).as(check.output()).isZero();
        String failedTasks = PrometheusText.samples(metrics).entrySet().stream()
                .filter(e -> PrometheusText.name(e.getKey()).equals("usm_connector_tasks"))
                .filter(e -> "failing-sink".equals(PrometheusText.labels(e.getKey()).get("connector")))
                .filter(e -> "FAILED".equals(PrometheusText.labels(e.getKey()).get("state")))
                .filter(e -> e.getValue() == 1.0).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no FAILED task series of failing-sink in\n" + metrics));
        Map<String, String> labels = PrometheusText.labels(failedTasks);
        assertThat(labels).containsEntry("environment", ENVIRONMENT).containsEntry("connect_cluster", usmcc);
        Path rulesTest = Files.writeString(dir.resolve("scraped-rules-test.yaml"), String.join("\n",
                "rule_files:",
                "  - " + Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize()
                        .resolve("config-samples/prometheus/usm-alerts.yaml"),
                "evaluation_interval: 1m",
                "tests:",
                "  - interval: 1m",
                "    input_series:",
                "      - series: '" + failedTasks.replace("'", "''") + "'",
                "        values: '1x10'",
                "    alert_rule_test:",
                "      - eval_time: 4m",
                "        alertname: UsmConnectorTaskFailed",
                "        exp_alerts: []",
                "      - eval_time: 6m",
                "        alertname: UsmConnectorTaskFailed",
                "        exp_alerts:",
                "          - exp_labels:",
                "              severity: critical",
                "              environment: " + labels.get("environment"),
                "              connect_cluster: " + labels.get("connect_cluster"),
                "              connector: failing-sink",
                "            exp_annotations:",
                "              summary: \"Connector failing-sink has FAILED tasks for 5 minutes\"",
                "              description: \"1 task(s) of connector failing-sink (Connect cluster "
                        + labels.get("connect_cluster") + ", " + labels.get("environment")
                        + ") have been FAILED for more than 5 minutes.\"",
                ""));
        Promtool.Result fired = Promtool.run(dir, List.of("test", "rules", rulesTest.getFileName().toString()), null);
        assertThat(fired.exit()).as(fired.output()).isZero();
    }

    private static String sinkConfig(Map<String, String> extra) throws IOException {
        Map<String, String> config = new HashMap<>(Map.of("connector.class", FailingSinkConnector.class.getName(),
                "tasks.max", "1", "topics", "alerts-in"));
        config.putAll(extra);
        return JSON.writeValueAsString(config);
    }

    private HttpResponse<String> alice(ConnectWorkerProcess worker, String method, String path, String body)
            throws IOException, InterruptedException {
        // 127.0.0.1 rather than localhost: the address the history must show is then known.
        URI uri = URI.create(worker.restBase().replace("localhost", "127.0.0.1") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", ALICE_AGENT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "alice:alice-pw".getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitConnector(EndpointApi api, String name, java.util.function.Predicate<JsonNode> condition) {
        Awaitility.await(name + " at the endpoint").atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> condition.test(api.get("/connectors/" + name)));
    }

    private static void awaitHistory(EndpointApi api, String name, String causedBy) {
        Awaitility.await(name + ": " + causedBy).atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().untilAsserted(() -> {
                    List<String> rows = new ArrayList<>();
                    api.get("/connectors/" + name + "/history?page_size=50").path("data")
                            .forEach(h -> rows.add(h.path("caused_by").asText()));
                    assertThat(rows).contains(causedBy);
                });
    }

    private String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Kafka's property-file login module: alice, who makes the changes. */
    private static Path jaas(Path dir) throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials.properties"), "alice=alice-pw\n");
        return Files.writeString(dir.resolve("jaas.conf"), "KafkaConnect {\n  "
                + "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n  file=\""
                + credentials.toAbsolutePath() + "\";\n};\n");
    }

    private ConnectWorkerProcess startWorker(Path dir, String name, EmbeddedKafkaCluster kafka, WorkerPki pki,
                                             String agentUrl, Path jaas) throws Exception {
        Path workerDir = Files.createDirectories(dir.resolve(name));
        Path plugins = ConnectWorkerProcess.unzipPlugin(workerDir);
        KafkaVersionMatrixIT.copyDirectory(Path.of(System.getProperty("test.connector.plugin")),
                plugins.resolve("connect-usm-test-connector"));
        int restPort = ConnectWorkerProcess.freePort();
        List<String> props = new ArrayList<>(ConnectWorkerProcess.clusterProperties(kafka.bootstrapServers(), GROUP,
                "http://localhost:" + restPort, plugins));
        props.add("plugin.discovery=service_load");
        props.addAll(WorkerPropertiesStyle.DOCUMENTED.properties(pki.client().directory(), agentUrl,
                new String(pki.client().password())));
        // Kafka's basic-auth filter in front of ours (the documented block names ours only).
        props.removeIf(line -> line.startsWith("rest.extension.classes"));
        props.add("rest.extension.classes=" + BasicAuthSecurityRestExtension.class.getName()
                + ",io.connectusm.extension.MetadataEventsRestExtension");
        props.add("confluent.connect.metadata.events.reconcile.interval.ms=1000");
        ConnectWorkerProcess worker = ConnectWorkerProcess.start(workerDir, name, props, restPort,
                InProcessPipeline.workerClasspath(), List.of("-Djava.security.auth.login.config=" + jaas));
        started.push(worker);
        return worker;
    }

    /** One request the receiver got, and what it answered. */
    private record Received(String body, String timestamp, String signature, int status) {
    }

    /** The webhook's receiver: answers 503 until {@link #accept} is set, then 200; records every request. */
    private static final class Receiver implements AutoCloseable {
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final AtomicBoolean accept = new AtomicBoolean();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = accept.get() ? 200 : 503;
                requests.add(new Received(body, exchange.getRequestHeaders().getFirst("X-USM-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-USM-Signature-256"), status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
