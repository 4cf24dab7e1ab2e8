package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.extension.ConnectWorkerProcess;
import io.connectusm.extension.WorkerPki;
import io.connectusm.testkit.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #15's lineage on the real pipeline: a {@code ConnectDistributed} worker with the plugin (topic tracking on,
 * the default) runs two FileStream sources, each writing to its own topic, and one FileStream sink reading both; the
 * worker reports to the real agent (mTLS), which forwards to the real endpoint. The endpoint's "connectors using
 * topic T" must list exactly the connectors Connect's own {@code GET /connectors/{name}/topics} names for T, and the
 * connector JSON their topics; a {@code PUT /connectors/{name}/topics/reset} and a deletion must show up there.
 * Then the cluster sits idle for three resync intervals and must stay heard (its last report age on /metrics never
 * above two intervals): its agent drops every unchanged resync snapshot, but forwards each worker's inventory.
 */
class TopicLineageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The workers' resync interval, short so that the idle check at the end takes seconds. */
    private static final Duration RESYNC = Duration.ofSeconds(4);
    private static final String ENVIRONMENT = "env-lineage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final String SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";

    private final StartedComponents started = new StartedComponents();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theEndpointKnowsWhichConnectorsUseEachTopic() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "topic-lineage").toAbsolutePath());
        Path dir = Files.createTempDirectory(root, "run-");
        String group = "connect-lineage";
        WorkerPki pki = WorkerPki.create(dir.resolve("pki"), group);
        try {
            run(dir, group, pki);
        } finally {
            started.stopAll();
        }
    }

    private void run(Path dir, String group, WorkerPki pki) throws Exception {
        EmbeddedKafkaCluster kafka = started.broker();
        String kafkaClusterId = InProcessPipeline.clusterId(kafka);
        UsmEndpoint endpoint = UsmEndpoint.start(new EndpointConfig(Map.of(
                "bind.address", "127.0.0.1", "port", "0", "data.dir", dir.resolve("endpoint-data").toString(),
                "ssl.keystore.location", pki.server().keystore().toString(),
                "ssl.keystore.password", new String(pki.server().password()), "default.environment", ENVIRONMENT,
                "metrics.port", "0", "metrics.cache.ms", "200",
                "cluster.resync.interval.ms", Long.toString(RESYNC.toMillis()))));
        started.push(endpoint);
        String usmkc = endpoint.registerKafkaCluster(ENVIRONMENT, kafkaClusterId, "aws", "eu-west-1");
        String usmcc = endpoint.registerConnectCluster(ENVIRONMENT, kafkaClusterId, group);
        ApiKeyCredentials admin = endpoint.apiKeys().create(ApiRole.VIEWER, "lineage IT: the checks");
        ApiKeyCredentials agentKey = endpoint.apiKeys().create(ApiRole.AGENT, "lineage IT: the agent");
        Http http = new Http(pki, "https://localhost:" + endpoint.port(), admin);

        Path agentSecret = dir.resolve("agent-api-secret.properties");
        Files.writeString(agentSecret, "secret=" + agentKey.secret() + "\n");
        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(new LinkedHashMap<>(InProcessPipeline.agentProperties(
                "lineage-it-agent", pki, dir.resolve("agent-spool"), endpoint.port(), ENVIRONMENT, agentKey.key(),
                agentSecret)), Map.of()));
        started.push(agent);

        Path workerDir = Files.createDirectories(dir.resolve("worker"));
        Path plugins = ConnectWorkerProcess.unzipPlugin(workerDir);
        int restPort = ConnectWorkerProcess.freePort();
        List<String> workerProps = new ArrayList<>(ConnectWorkerProcess.clusterProperties(kafka.bootstrapServers(),
                group, "http://localhost:" + restPort, plugins));
        workerProps.removeIf(line -> line.startsWith("rest.extension.classes="));
        workerProps.add("plugin.discovery=service_load");
        workerProps.addAll(WorkerPropertiesStyle.DOCUMENTED.properties(pki.client().directory(),
                "https://localhost:" + agent.dataPort(), new String(pki.client().password())));
        workerProps.add("confluent.connect.metadata.events.reconcile.interval.ms=1000");
        workerProps.add("confluent.connect.metadata.events.resync.interval.ms=" + RESYNC.toMillis());
        ConnectWorkerProcess worker = ConnectWorkerProcess.start(workerDir, "worker", workerProps, restPort,
                InProcessPipeline.workerClasspath(), List.of());
        started.push(worker);
        worker.awaitRest(DEADLINE);

        kafka.createTopic("lineage.orders", 1);
        kafka.createTopic("lineage_payments-v2", 1);
        Path orders = Files.writeString(workerDir.resolve("orders.txt"), "o-1\no-2\n");
        Path payments = Files.writeString(workerDir.resolve("payments.txt"), "p-1\n");
        create(worker, "src-orders", Map.of("connector.class", SOURCE_CLASS, "tasks.max", "1",
                "file", orders.toString(), "topic", "lineage.orders"));
        create(worker, "src:connector-payments", Map.of("connector.class", SOURCE_CLASS, "tasks.max", "1",
                "file", payments.toString(), "topic", "lineage_payments-v2"));
        create(worker, "sink-both", Map.of("connector.class", SINK_CLASS, "tasks.max", "1",
                "file", workerDir.resolve("out.txt").toString(), "topics", "lineage.orders,lineage_payments-v2"));

        // The endpoint's lineage is Connect's own.
        String onOrders = "/usm/v1/kafka-clusters/" + usmkc + "/topics/lineage.orders/connectors";
        String onPayments = "/usm/v1/kafka-clusters/" + usmkc + "/topics/lineage_payments-v2/connectors";
        http.await(onOrders, list -> names(list).equals(List.of("sink-both", "src-orders")));
        http.await(onPayments, list -> names(list).equals(List.of("sink-both", "src:connector-payments")));
        for (String connector : List.of("src-orders", "src:connector-payments", "sink-both")) {
            TreeSet<String> connects = connectTopics(worker, connector);
            JsonNode stored = http.await(connectorPath(usmcc, connector), c -> c.has("topics"));
            assertThat(texts(stored.get("topics"))).as(connector).isEqualTo(connects);
        }
        JsonNode item = http.await(onOrders, list -> list.path("data").size() == 2).path("data").get(1);
        assertThat(item.path("connect_cluster").path("id").asText()).isEqualTo(usmcc);
        assertThat(item.path("type").asText()).isEqualTo("SOURCE");
        assertThat(item.path("environment").asText()).isEqualTo(ENVIRONMENT);

        // A reset of the source's topics: it has nothing new to write, so it uses no topic any more.
        HttpResponse<String> reset = worker.send("PUT", "/connectors/src-orders/topics/reset", null);
        assertThat(reset.statusCode()).as("topics reset").isBetween(200, 204);
        http.await(onOrders, list -> names(list).equals(List.of("sink-both")));
        http.await(connectorPath(usmcc, "src-orders"), c -> c.path("topics").isArray() && c.path("topics").isEmpty());
        assertThat(connectTopics(worker, "src-orders")).isEmpty();
        // It writes again: the topic is back.
        Files.writeString(orders, "o-3\n", StandardOpenOption.APPEND);
        http.await(onOrders, list -> names(list).equals(List.of("sink-both", "src-orders")));

        // A deletion leaves no trace in the lineage.
        HttpResponse<String> deleted = worker.send("DELETE", "/connectors/sink-both", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        http.await(onPayments, list -> names(list).equals(List.of("src:connector-payments")));
        http.await(onOrders, list -> names(list).equals(List.of("src-orders")));

        // Nothing changes from now on: every resync snapshot is a duplicate the agent drops, yet the cluster is
        // heard (each worker's inventory, once per resync interval, always goes), so it never looks silent.
        HttpClient plain = HttpClient.newHttpClient();
        await("the idle cluster heard at least once every two resync intervals").during(RESYNC.multipliedBy(3))
                .atMost(RESYNC.multipliedBy(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> lastReportAge(plain, endpoint.metricsPort(), usmcc) <= 2 * RESYNC.toSeconds());
    }

    /** The cluster's {@code usm_connect_cluster_last_report_age_seconds} as the endpoint's /metrics says. */
    private static double lastReportAge(HttpClient plain, int metricsPort, String usmcc) throws Exception {
        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.samples(r.body()).entrySet().stream()
                .filter(e -> PrometheusText.name(e.getKey()).equals("usm_connect_cluster_last_report_age_seconds"))
                .filter(e -> usmcc.equals(PrometheusText.labels(e.getKey()).get("connect_cluster")))
                .mapToDouble(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no last report age of " + usmcc + " in\n" + r.body()));
    }

    private static String connectorPath(String usmcc, String name) {
        return "/usm/v1/connect-clusters/" + usmcc + "/connectors/" + name.replace(":", "%3A");
    }

    /** What Connect itself says of the connector's active topics. */
    private static TreeSet<String> connectTopics(ConnectWorkerProcess worker, String connector) throws Exception {
        HttpResponse<String> r = worker.send("GET", "/connectors/" + connector.replace(":", "%3A") + "/topics", null);
        assertThat(r.statusCode()).as("GET topics of " + connector).isEqualTo(200);
        return texts(JSON.readTree(r.body()).path(connector).path("topics"));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("data").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static TreeSet<String> texts(JsonNode array) {
        TreeSet<String> out = new TreeSet<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static void create(ConnectWorkerProcess worker, String name, Map<String, String> config) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", JSON.valueToTree(config));
        HttpResponse<String> r = worker.send("POST", "/connectors", JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as("create " + name + ": " + r.body()).isEqualTo(201);
    }

    /** HTTPS GETs to the endpoint's API with a viewer key. */
    private static final class Http {

        private final HttpClient client;
        private final String base;
        private final String authorization;

        Http(WorkerPki pki, String base, ApiKeyCredentials key) {
            this.client = HttpClient.newBuilder().sslContext(pki.serverContext()).connectTimeout(Duration.ofSeconds(5))
                    .build();
            this.base = base;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((key.key() + ":" + key.secret())
                    .getBytes(StandardCharsets.UTF_8));
        }

        JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String last = "";
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", authorization).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    JsonNode json = JSON.readTree(r.body());
                    if (condition.test(json)) {
                        return json;
                    }
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the endpoint never showed the expected state at " + path + " within " + DEADLINE
                    + "; last: " + last);
        }
    }
}
