package io.connectusm.endpoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.TransitionEvents;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;

/**
 * {@code /metrics} of a real endpoint on each database, scraped over HTTP: the fleet's series hold what was
 * ingested, the exposition passes {@code promtool check metrics} (Prometheus' own parser and linter), no config
 * value reaches it, the series cap holds, and every series the shipped alert rules use exists.
 */
@EachDatabase
class FleetMetricsTest {

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of(EndpointConfig.METRICS_PORT_CONFIG, "0",
            EndpointConfig.METRICS_CACHE_MS_CONFIG, "0", EndpointConfig.METRICS_CONNECTOR_SERIES_MAX_CONFIG, "8"));

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void metricsShowEachConnectorsStateTasksAndClusterCounts() throws Exception {
        ClusterRef ref = new ClusterRef("kafka-m1", "connect-m1");
        endpoint.registerKafka("env-m1", ref.kafkaClusterId());
        String usmcc = TestEndpoint.json(endpoint.registerConnect("env-m1", ref.kafkaClusterId(),
                ref.connectClusterId())).get("id").asText();
        Instant t = Instant.now().minusSeconds(5);
        post(TransitionEvents.snapshot(ref, "a-failed", t, 1, ConnectorState.FAILED, ConnectorState.FAILED, ConnectorState.RUNNING),
                TransitionEvents.snapshot(ref, "b-ok", t, 2, ConnectorState.RUNNING, ConnectorState.RUNNING, ConnectorState.PAUSED),
                TransitionEvents.snapshot(ref, "c-beyond-cap", t, 3, ConnectorState.RUNNING, ConnectorState.RUNNING));

        String text = scrape();
        Map<String, Double> series = parse(text);
        String c = "connect_cluster=\"" + usmcc + "\"";
        assertThat(series).containsEntry("usm_connector_state{" + c + ",connector=\"a-failed\",environment=\"env-m1\","
                + "state=\"FAILED\"}", 1.0);
        assertThat(series).containsEntry("usm_connector_tasks{" + c + ",connector=\"a-failed\",environment=\"env-m1\","
                + "state=\"FAILED\"}", 1.0);
        assertThat(series).containsEntry("usm_connector_tasks{" + c + ",connector=\"b-ok\",environment=\"env-m1\","
                + "state=\"OTHER\"}", 1.0);
        assertThat(series).containsEntry("usm_connect_cluster_connectors{" + c + ",environment=\"env-m1\","
                + "state=\"RUNNING\"}", 2.0);
        assertThat(series).containsEntry("usm_connect_cluster_connectors{" + c + ",environment=\"env-m1\","
                + "state=\"FAILED\"}", 1.0);
        // the cap (8 series = 2 connectors) left the third connector out whole, and says so
        assertThat(series.keySet()).noneMatch(k -> k.contains("c-beyond-cap"));
        assertThat(series).containsEntry("usm_metrics_connectors_omitted", 1.0);
        assertThat(series.get("usm_connect_cluster_last_report_age_seconds{" + c + ",environment=\"env-m1\"}"))
                .isBetween(0.0, 60.0);
        assertThat(series).containsEntry("usm_endpoint_events_applied_total", 3.0);
        assertThat(series.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
        // the ingest scrub's counts are served, every kind from 0 (nothing in these events looked like a credential)
        assertThat(series).containsEntry("usm_endpoint_ingest_secrets_scrubbed_total{kind=\"jwt\"}", 0.0);
        assertThat(text).doesNotContain(TransitionEvents.SECRET);

        // an unregistered cluster's batch is refused and counted by its reason
        post(TransitionEvents.snapshot(new ClusterRef("kafka-m1", "connect-unknown"), "x", t, 4, ConnectorState.RUNNING));
        assertThat(parse(scrape())).containsEntry(
                "usm_endpoint_event_batches_rejected_total{reason=\"cluster_not_registered\"}", 1.0);
    }

    @Test
    void theExpositionPassesPromtoolAndHoldsEverySeriesTheAlertRulesUse() throws Exception {
        String text = scrape();
        Path file = Files.createTempFile(endpoint.dir(), "metrics", ".txt");
        Files.writeString(file, text);
        AlertRulesTest.Result check = AlertRulesTest.promtool(List.of("check", "metrics"), file);
        // promtool's linter prints problems and exits non-zero on any; the parser fails on a malformed exposition.
        assertThat(check.exit()).as(check.output()).isZero();
        String rules = Files.readString(AlertRulesTest.RULES);
        Matcher m = Pattern.compile("\\b(usm_(?:connector|connect_cluster|endpoint)_[a-z_]+)").matcher(rules);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            assertThat(text).as("series the rules use").contains("# TYPE " + name.replaceAll("_total$", ""));
        }
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + endpoint.endpoint().metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Series name and labels as written (labels sorted by the client) → value. */
    static Map<String, Double> parse(String text) {
        return io.connectusm.testkit.PrometheusText.samples(text);
    }

    private static void post(MetadataEvent... events) {
        endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(events)), endpoint.agent,
                "application/cloudevents-batch+json");
    }
}
