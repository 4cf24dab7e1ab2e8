package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.TestEvents;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;

/** {@code io.connectusm.worker.plugins} events: stored per (cluster, worker), newest wins, shown by API and page. */
@EachDatabase
class WorkerPluginsApiTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final EventCodec CODEC = new EventCodec();
    static final PluginDescriptor FILE_SOURCE = new PluginDescriptor(
            "org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "3.9.0");
    static final PluginDescriptor JDBC_SINK = new PluginDescriptor("io.confluent.connect.jdbc.JdbcSinkConnector",
            "sink", "10.8.0");

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    private static MetadataEvent plugins(ClusterRef ref, String worker, Instant time, long sequence,
                                         PluginDescriptor... plugins) {
        return new MetadataEvent(UUID.randomUUID().toString(), ref, worker, TestEvents.EPOCH, sequence, time,
                new WorkerPlugins(worker, "3.9.0", List.of(plugins)));
    }

    private static void post(MetadataEvent... events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(events)),
                endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static String register(String env, ClusterRef ref) {
        endpoint.registerKafka(env, ref.kafkaClusterId());
        return TestEndpoint.json(endpoint.registerConnect(env, ref.kafkaClusterId(), ref.connectClusterId()))
                .get("id").asText();
    }

    @Test
    void keepsTheNewestPluginListOfEachWorkerAndShowsItInTheApiAndOnThePage() {
        ClusterRef ref = new ClusterRef("kafka-plug", "connect-plug");
        String usmcc = register("env-plug", ref);

        post(plugins(ref, "worker-a:8083", T0, 0, FILE_SOURCE),
                plugins(ref, "worker-b:8083", T0, 1, FILE_SOURCE));
        post(plugins(ref, "worker-a:8083", T0.plusSeconds(60), 2, FILE_SOURCE, JDBC_SINK));
        // a late, older report of worker-a must not bring the old list back
        post(plugins(ref, "worker-a:8083", T0.plusSeconds(30), 3, FILE_SOURCE));

        HttpResponse<String> r = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/plugins", null,
                endpoint.admin);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = TestEndpoint.json(r);
        assertThat(list.get("kind").asText()).isEqualTo("WorkerPluginList");
        assertThat(list.get("data")).hasSize(2);
        JsonNode a = list.get("data").get(0);
        assertThat(a.get("worker_id").asText()).isEqualTo("worker-a:8083");
        assertThat(a.get("kafka_version").asText()).isEqualTo("3.9.0");
        assertThat(a.get("reported_at").asText()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(a.get("plugins")).hasSize(2);
        assertThat(a.get("plugins").get(0).get("class").asText()).isEqualTo(JDBC_SINK.className());
        assertThat(a.get("plugins").get(0).get("type").asText()).isEqualTo("sink");
        assertThat(a.get("plugins").get(0).get("version").asText()).isEqualTo("10.8.0");
        assertThat(list.get("data").get(1).get("plugins")).hasSize(1);

        HttpResponse<String> page = endpoint.send("GET", "/ui/connect-clusters/" + usmcc, null, endpoint.admin);
        assertThat(page.body()).contains("<details class=\"section\" id=\"plugins\"><summary>Plugins")
                .contains("<tr><td><code>" + JDBC_SINK.className() + "</code></td><td>sink</td><td>10.8.0</td>")
                .contains("<tr><td>worker-a:8083</td><td>3.9.0</td>");
    }

    @Test
    void pluginsNeedAnAdminKeyAndARegisteredCluster() {
        ClusterRef ref = new ClusterRef("kafka-plug2", "connect-plug2");
        String usmcc = register("env-plug2", ref);

        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/plugins", null, endpoint.agent)
                .statusCode()).isEqualTo(403);
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/usmcc-nosuchcluster/plugins", null, endpoint.admin)
                .statusCode()).isEqualTo(404);
        HttpResponse<String> empty = endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/plugins", null,
                endpoint.admin);
        assertThat(TestEndpoint.json(empty).get("data")).isEmpty();
    }

    @Test
    void deregisteringPurgesThePluginLists() {
        ClusterRef ref = new ClusterRef("kafka-plug3", "connect-plug3");
        String usmcc = register("env-plug3", ref);
        post(plugins(ref, "worker-a:8083", T0, 0, FILE_SOURCE));

        assertThat(endpoint.send("DELETE", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(204);
        String again = register("env-plug3b", ref);

        HttpResponse<String> r = endpoint.send("GET", "/usm/v1/connect-clusters/" + again + "/plugins", null,
                endpoint.admin);
        assertThat(TestEndpoint.json(r).get("data")).isEmpty();
    }
}
