package io.connectusm.endpoint.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.TestEvents;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.WorkerPlugins;

/**
 * Not a test: fills a real endpoint with a realistic cluster (10 workers, 40 plugins, connectors in every state)
 * and saves its pages as HTML under {@code -Dusm.demo.dir=DIR}, for looking at the page in a browser. Only runs
 * when that property is set; with {@code -Dusm.demo.hold.seconds=N} the endpoint stays up N seconds and
 * {@code DIR/endpoint.txt} says its URL and admin credentials (for curl or a browser).
 * <pre>mvn -B -q -pl usm-endpoint -am test -Dtest=WebPagesDemo -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dusm.demo.dir=/tmp/usm-pages</pre>
 */
@EnabledIfSystemProperty(named = "usm.demo.dir", matches = ".+")
class WebPagesDemo {

    static final EventCodec CODEC = new EventCodec();
    static final Instant T0 = Instant.parse("2026-11-20T23:39:28.338556136Z");

    @TempDir
    Path dir;

    @Test
    void savePages() throws Exception {
        Path out = Path.of(System.getProperty("usm.demo.dir"));
        Files.createDirectories(out);
        try (TestEndpoint endpoint = TestEndpoint.start(dir)) {
            ClusterRef ref = new ClusterRef("4k0R9d1GTS5tI9f4Y2xZ0Q", "connect-prod-eu");
            String env = "env-demo01";
            endpoint.registerKafka(env, ref.kafkaClusterId());
            String usmcc = TestEndpoint.json(endpoint.send("POST", "/usm/v1/connect-clusters",
                    "{\"confluent_platform_connect_cluster_id\":\"" + ref.connectClusterId()
                            + "\",\"kafka_cluster_id\":\""
                            + ref.kafkaClusterId() + "\",\"display_name\":\"prod <eu> connect\",\"environment\":"
                            + "{\"id\":\"" + env + "\"}}", endpoint.admin)).get("id").asText();
            endpoint.registerConnect(env, ref.kafkaClusterId(), "connect-staging");
            endpoint.send("POST", "/usm/v1/sightings", "{\"sightings\":[{\"kafka_cluster_id\":"
                    + "\"4k0R9d1GTS5tI9f4Y2xZ0Q\","
                    + "\"connect_cluster_id\":\"connect-new-team\",\"connector_count\":7,\"first_seen\":"
                    + "\"2026-11-20T10:00:00.123456789Z\",\"last_seen\":\"2026-11-20T23:41:02.987654321Z\","
                    + "\"environment\":{\"id\":\"" + env + "\"}}]}", endpoint.agent);

            List<MetadataEvent> events = new ArrayList<>();
            List<PluginDescriptor> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String type = i < 14 ? "source" : i < 28 ? "sink" : i < 36 ? "transformation" : "converter";
                all.add(new PluginDescriptor("com.example.connect.plugin" + (char) ('a' + i % 26) + i + ".Plugin"
                        + i, type, i % 7 == 0 ? null : "1." + i + ".0"));
            }
            long seq = 0;
            for (int w = 0; w < 10; w++) {
                String worker = "connect-worker-" + w + ".prod.example.com:8083";
                List<PluginDescriptor> mine = new ArrayList<>(all);
                if (w == 7) {
                    mine.remove(3);
                    mine.remove(20);
                }
                if (w == 3) {
                    mine.set(5, new PluginDescriptor(all.get(5).className(), all.get(5).type(), "0.9.9"));
                }
                events.add(new MetadataEvent(UUID.randomUUID().toString(), ref, worker, TestEvents.EPOCH, seq++,
                        T0.plusNanos(w * 1_000_001L), new WorkerPlugins(worker, "3.9.0", mine)));
            }
            String trace = "org.apache.kafka.connect.errors.ConnectException: <boom> & failed\n"
                    + "\tat org.example.Task.poll(Task.java:42)\n\tat org.apache.kafka.connect.runtime."
                    + "WorkerSourceTask.poll(WorkerSourceTask.java:488)";
            int n = 0;
            for (ConnectorState state : ConnectorState.values()) {
                List<TaskSnapshot> tasks = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    ConnectorState ts = state == ConnectorState.RUNNING && t == 2 ? ConnectorState.FAILED : state;
                    tasks.add(new TaskSnapshot(t, ts, state == ConnectorState.UNASSIGNED ? null
                            : "connect-worker-" + t + ".prod.example.com:8083",
                            ts == ConnectorState.FAILED ? trace : null));
                }
                String name = "orders-" + state.name().toLowerCase() + (n == 0 ? "-<b>x</b>" : "");
                for (int v = 0; v < 2; v++) {
                    TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class",
                            "io.confluent.connect.jdbc.JdbcSourceConnector", "connection.url",
                            "jdbc:postgresql://db:5432/orders", "connection.password",
                            ConnectorSnapshot.MASKED_VALUE, "tasks.max", "3", "topic.prefix", "orders-v" + v));
                    events.add(new MetadataEvent(UUID.randomUUID().toString(), ref, "connect-worker-0:8083",
                            TestEvents.EPOCH, seq++, T0.plusSeconds(60L * v + n).plusNanos(123_456_789), name,
                            ConnectorSnapshot.builder()
                                    .name(name)
                                    .connectorClass("io.confluent.connect.jdbc.JdbcSourceConnector")
                                    .connectorType(ConnectorType.SOURCE)
                                    .state(v == 0 ? ConnectorState.RUNNING : state)
                                    .workerId("connect-worker-1.prod.example.com:8083")
                                    .trace(v == 1 && state == ConnectorState.FAILED ? trace : null)
                                    .tasks(v == 0 ? List.of() : tasks)
                                    .config(config)
                                    .maskedKeys(new TreeSet<>(Set.of("connection.password")))
                                    .configFingerprint(ConfigFingerprint.of(config))
                                    .cause(ChangeCause.CONFIG_UPDATED)
                                    .build()));
                }
                n++;
            }
            HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                    MediaTypes.CLOUDEVENTS_BATCH_JSON);
            if (r.statusCode() != 204) {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
            save(endpoint, out, "/ui", "index.html");
            save(endpoint, out, "/ui/environments/" + env, "environment.html");
            save(endpoint, out, "/ui/connect-clusters/" + usmcc, "cluster.html");
            save(endpoint, out, "/ui/connect-clusters/" + usmcc + "/connectors/orders-failed", "connector.html");
            save(endpoint, out, "/ui/connect-clusters/" + usmcc + "/connectors/orders-running",
                    "connector-running.html");
            long hold = Long.getLong("usm.demo.hold.seconds", 0);
            if (hold > 0) {
                Files.writeString(out.resolve("endpoint.txt"), endpoint.endpoint().baseUrl() + "\n" + usmcc + "\n"
                        + endpoint.admin.key() + ":" + endpoint.admin.secret() + "\n", StandardCharsets.UTF_8);
                Thread.sleep(hold * 1000);
            }
        }
    }

    private static void save(TestEndpoint endpoint, Path out, String path, String file) throws Exception {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        Files.writeString(out.resolve(file), r.body(), StandardCharsets.UTF_8);
    }
}
