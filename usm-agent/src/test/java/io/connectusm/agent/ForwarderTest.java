package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.agent.registration.RegistrationRefresher;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.MetadataEvent;
import io.connectusm.testkit.TestPki;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real agent forwarding to a real HTTPS endpoint that keeps a ledger of what it received. */
class ForwarderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private TestPki pki;

    @BeforeEach
    void setUp() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    private Map<String, String> config(LedgerEndpoint endpoint, ClusterRef... staticRegistrations) throws Exception {
        Map<String, String> config = AgentHarness.baseConfig(pki, dir, staticRegistrations);
        config.putAll(endpoint.agentConfig(pki.server()));
        config.put(AgentConfig.REGISTRATIONS_REFRESH_CONFIG, "200");
        return config;
    }

    private static List<String> ids(List<MetadataEvent> events) {
        return events.stream().map(MetadataEvent::id).toList();
    }

    @Test
    void forwardsEveryAcceptedEventAndDrainsAfterAnOutage() throws Exception {
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER);
                AgentHarness harness = AgentHarness.start(pki, dir, config(endpoint, CLUSTER))) {
            endpoint.down.set(true);
            HttpClient worker = harness.client(CLUSTER.connectClusterId());
            List<MetadataEvent> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                List<MetadataEvent> events = TestEvents.snapshots(CLUSTER, "c" + i + "-", 20);
                assertThat(harness.post(worker, batch(events)).statusCode()).isEqualTo(204);
                sent.addAll(events);
            }
            await("forward failures counted while the endpoint is down").atMost(WAIT)
                    .until(() -> harness.metricNow("usm_agent_forward_failures_total{reason=\"http_503\"}") > 0);
            assertThat(endpoint.receivedIds).isEmpty();
            endpoint.down.set(false);
            await("every accepted event at the endpoint").atMost(WAIT)
                    .until(() -> endpoint.receivedIds.containsAll(ids(sent)));
            await("spool drained").atMost(WAIT).until(() -> harness.metricNow("usm_agent_spool_events") == 0);
            assertThat(harness.metricNow("usm_agent_forward_latency_seconds_count")).isPositive();
            // The same state again is not forwarded twice.
            int posts = endpoint.eventPosts.get();
            MetadataEvent first = sent.get(0);
            MetadataEvent again = snapshot(CLUSTER, first.subject(), topicOf(first));
            assertThat(harness.post(worker, batch(again)).statusCode()).isEqualTo(204);
            assertThat(harness.metricNow("usm_agent_events_deduplicated_total")).isEqualTo(1);
            assertThat(endpoint.eventPosts.get()).isEqualTo(posts);
        }
    }

    /**
     * Issue #12: the same connector state from two workers reaches the endpoint once from each (the endpoint decides
     * which worker is authoritative for which fact and must see the owner's own report); each worker's repeats not.
     */
    @Test
    void forwardsTheSameStateOncePerWorker() throws Exception {
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER);
                AgentHarness harness = AgentHarness.start(pki, dir, config(endpoint, CLUSTER))) {
            HttpClient worker = harness.client(CLUSTER.connectClusterId());
            MetadataEvent fromA = snapshot(CLUSTER, "c", "t1");
            MetadataEvent fromB = new MetadataEvent("from-b", CLUSTER, "worker-2:8083", fromA.epoch(), 1,
                    fromA.time().plusSeconds(1), fromA.subject(), fromA.payload());
            MetadataEvent fromBAgain = new MetadataEvent("from-b-again", CLUSTER, "worker-2:8083", fromA.epoch(), 2,
                    fromA.time().plusSeconds(2), fromA.subject(), fromA.payload());
            MetadataEvent fromAAgain = snapshot(CLUSTER, "c", "t1");
            for (MetadataEvent e : List.of(fromA, fromB, fromBAgain, fromAAgain)) {
                assertThat(harness.post(worker, batch(e)).statusCode()).isEqualTo(204);
            }

            await("both workers' reports at the endpoint").atMost(WAIT)
                    .until(() -> endpoint.receivedIds.containsAll(List.of(fromA.id(), "from-b")));
            await("spool drained").atMost(WAIT).until(() -> harness.metricNow("usm_agent_spool_events") == 0);
            assertThat(endpoint.receivedIds).doesNotContain("from-b-again", fromAAgain.id());
            assertThat(harness.metricNow("usm_agent_events_deduplicated_total")).isEqualTo(2);
        }
    }

    @Test
    void retriesWhenTheInjectedTickerPassesTheBackoff() throws Exception {
        ManualTicker ticker = new ManualTicker();
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER)) {
            Map<String, String> config = config(endpoint, CLUSTER);
            // A minute of backoff: far beyond this test's waits, unless the forwarder reads the ticker.
            config.put(AgentConfig.FORWARD_BACKOFF_INITIAL_CONFIG, "60000");
            config.put(AgentConfig.FORWARD_BACKOFF_MAX_CONFIG, "60000");
            try (AgentHarness harness = AgentHarness.start(pki, dir, config,
                    new AgentRuntime(java.time.Clock.systemUTC(), ticker, () -> { }))) {
                endpoint.down.set(true);
                List<MetadataEvent> events = TestEvents.snapshots(CLUSTER, "late-", 3);
                assertThat(harness.post(harness.client(CLUSTER.connectClusterId()), batch(events)).statusCode())
                        .isEqualTo(204);
                await("the first attempt failed").atMost(WAIT)
                        .until(() -> harness.metricNow("usm_agent_forward_failures_total{reason=\"http_503\"}") == 1);
                endpoint.down.set(false);
                // The delay is drawn from [30 s, 60 s]: 29 s of ticker time are not enough...
                ticker.advance(Duration.ofSeconds(29));
                assertThat(endpoint.eventPosts.get()).as("posts accepted by the endpoint before the backoff passed").isZero();
                // ...60 s are, without any wall time passing.
                ticker.advance(Duration.ofSeconds(31));
                await("forwarded once the ticker passed the backoff").atMost(WAIT)
                        .until(() -> endpoint.receivedIds.containsAll(ids(events)));
            }
        }
    }

    private static String topicOf(MetadataEvent event) {
        return ((io.connectusm.events.ConnectorSnapshot) event.payload()).config().get("topic");
    }

    @Test
    void dropsSpooledEventsOfAClusterDeregisteredMeanwhile() throws Exception {
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER, OTHER_CLUSTER);
                AgentHarness harness = AgentHarness.start(pki, dir, config(endpoint))) {
            await("registrations pulled (two pages)").atMost(WAIT)
                    .until(() -> harness.metricNow("usm_agent_registrations") == 2);
            endpoint.down.set(true);
            List<MetadataEvent> kept = TestEvents.snapshots(CLUSTER, "keep", 3);
            List<MetadataEvent> doomed = TestEvents.snapshots(OTHER_CLUSTER, "doomed", 4);
            assertThat(harness.post(harness.client(CLUSTER.connectClusterId()), batch(kept)).statusCode()).isEqualTo(204);
            assertThat(harness.post(harness.client(OTHER_CLUSTER.connectClusterId()), batch(doomed)).statusCode())
                    .isEqualTo(204);
            endpoint.registered.remove(OTHER_CLUSTER);
            await("the deregistered cluster's events dropped").atMost(WAIT)
                    .until(() -> harness.metricNow("usm_agent_events_dropped_unregistered_total") == 4);
            endpoint.down.set(false);
            await("the other cluster's events forwarded").atMost(WAIT)
                    .until(() -> endpoint.receivedIds.containsAll(ids(kept)));
            assertThat(endpoint.receivedIds).doesNotContainAnyElementsOf(ids(doomed));
            // The cluster is now refused at the door, and its sighting reported.
            assertThat(harness.post(harness.client(OTHER_CLUSTER.connectClusterId()), batch(doomed)).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void dropsEventsTheEndpointRefusesAsUnregistered() throws Exception {
        // The static file registers a cluster the endpoint does not know: the endpoint's 403 wins.
        try (LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER);
                AgentHarness harness = AgentHarness.start(pki, dir, config(endpoint, CLUSTER, OTHER_CLUSTER))) {
            List<MetadataEvent> refused = TestEvents.snapshots(OTHER_CLUSTER, "x", 2);
            List<MetadataEvent> kept = TestEvents.snapshots(CLUSTER, "y", 2);
            assertThat(harness.post(harness.client(OTHER_CLUSTER.connectClusterId()), batch(refused)).statusCode())
                    .isEqualTo(204);
            assertThat(harness.post(harness.client(CLUSTER.connectClusterId()), batch(kept)).statusCode()).isEqualTo(204);
            await("registered cluster's events forwarded").atMost(WAIT)
                    .until(() -> endpoint.receivedIds.containsAll(ids(kept)));
            await("refused events dropped and counted").atMost(WAIT)
                    .until(() -> harness.metricNow("usm_agent_events_dropped_unregistered_total") == 2);
            assertThat(endpoint.receivedIds).doesNotContainAnyElementsOf(ids(refused));
        }
    }

    @Test
    void reportsSightingsAndRestartsFromTheRegistrationCacheWhileTheEndpointIsDown() throws Exception {
        LedgerEndpoint endpoint = new LedgerEndpoint(pki.server(), CLUSTER);
        Map<String, String> config = config(endpoint);
        try (endpoint; AgentHarness harness = AgentHarness.start(pki, dir, config)) {
            await("ready once registrations are pulled").atMost(WAIT)
                    .until(() -> harness.controlStatus("/readyz") == 200
                            && harness.metricNow("usm_agent_registrations") == 1);
            assertThat(harness.post(harness.client(OTHER_CLUSTER.connectClusterId()),
                    batch(TestEvents.inventory(OTHER_CLUSTER, "a", "b", "c"))).statusCode()).isEqualTo(403);
            await("sighting reported").atMost(WAIT).until(() -> endpoint.sightings.stream().anyMatch(s ->
                    s.toString().contains("\"connect_cluster_id\":\"connect-group-other\"")
                            && s.toString().contains("\"connector_count\":3")));
            String clusters = harness.control("/v1/clusters").body();
            assertThat(clusters).contains("\"connect_cluster_id\":\"connect-group-other\"").contains("\"registered\":false")
                    .contains("\"usm_connect_cluster_id\":null").contains("\"events_rejected\":1");
        }
        assertThat(dir.resolve("spool").resolve(RegistrationRefresher.CACHE_FILE)).exists();
        // The endpoint is gone now: the cache keeps the registered cluster flowing into the spool.
        try (AgentHarness harness = AgentHarness.start(pki, dir, config)) {
            assertThat(harness.controlStatus("/readyz")).isEqualTo(200);
            assertThat(harness.post(harness.client(CLUSTER.connectClusterId()), batch(snapshot(CLUSTER, "a", "t")))
                    .statusCode()).isEqualTo(204);
        }
        assertThat(Files.readString(dir.resolve("spool").resolve(RegistrationRefresher.CACHE_FILE)))
                .doesNotContain(LedgerEndpoint.API_SECRET);
    }
}
