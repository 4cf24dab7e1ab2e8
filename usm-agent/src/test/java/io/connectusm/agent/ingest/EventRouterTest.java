package io.connectusm.agent.ingest;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.TestEvents;
import io.connectusm.agent.api.Registration;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.agent.tls.PeerIdentity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.connectusm.events.MetadataEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRouterTest {

    @TempDir
    Path dir;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final SpoolMetrics spoolMetrics = new SpoolMetrics(registry);
    private final RegistrationMap registrations = new RegistrationMap();
    private final ClusterActivity activity = new ClusterActivity(Clock.systemUTC());
    private final AtomicInteger unregisteredSeen = new AtomicInteger();
    private final PeerIdentity worker = new PeerIdentity(CLUSTER.connectClusterId(), List.of());
    private Spool spool;
    private EventRouter router;

    @BeforeEach
    void setUp() throws Exception {
        spool = Spool.open(new SpoolSettings(dir, 1 << 20, 4, 16), spoolMetrics, () -> { }, Clock.systemUTC());
        registrations.replaceStatic(List.of(new Registration(CLUSTER, "usmcc-1", "usmkc-1", "env-1", null)));
        router = new EventRouter(settings(5, 7), registrations, activity, spool, metrics,
                unregisteredSeen::incrementAndGet, Clock.systemUTC());
    }

    /** Data plane settings with the given batch limit and Retry-After; identity mode cluster. */
    static DataPlaneSettings settings(int maxEventsPerBatch, int retryAfterSeconds) {
        return new DataPlaneSettings("127.0.0.1", 0, IdentityMode.CLUSTER, null, 8192, 1 << 20, maxEventsPerBatch,
                Duration.ofSeconds(30), Duration.ofSeconds(60), 64, 16, retryAfterSeconds, Duration.ofMinutes(5));
    }

    @AfterEach
    void tearDown() {
        spool.close();
    }

    private IngestOutcome ingest(PeerIdentity peer, byte[] body) throws Exception {
        return router.ingest(peer, body).get(5, TimeUnit.SECONDS);
    }

    @Test
    void refusesABatchWithAnEventDatedBeyondTheToleranceAndSpoolsNothing() throws Exception {
        MetadataEvent now = snapshot(CLUSTER, "a", "t");
        MetadataEvent ahead = snapshot(CLUSTER, "b", "t");
        ahead = new MetadataEvent(ahead.id(), ahead.cluster(), ahead.workerId(), ahead.epoch(), ahead.sequence(),
                Instant.now().plus(Duration.ofMinutes(6)), ahead.subject(), ahead.payload());
        IngestOutcome outcome = ingest(worker, batch(now, ahead));
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.message()).contains("event [1]").contains("more than 300 s after the agent's clock");
        assertThat(spool.pendingEvents()).isZero();

        MetadataEvent slightlyAhead = new MetadataEvent(ahead.id(), ahead.cluster(), ahead.workerId(), ahead.epoch(),
                ahead.sequence(), Instant.now().plus(Duration.ofMinutes(4)), ahead.subject(), ahead.payload());
        assertThat(ingest(worker, batch(slightlyAhead)).status()).isEqualTo(204);
    }

    @Test
    void acceptsRegisteredClusterOnceDurable() throws Exception {
        IngestOutcome outcome = ingest(worker, batch(snapshot(CLUSTER, "a", "t"), TestEvents.inventory(CLUSTER, "a", "b")));
        assertThat(outcome.status()).isEqualTo(204);
        assertThat(spool.pendingEvents()).isEqualTo(2);
        assertThat(activity.sightings()).singleElement().satisfies(s -> {
            assertThat(s.connectorCount()).isEqualTo(2);
            assertThat(s.eventsAccepted()).isEqualTo(2);
        });
    }

    @Test
    void rejectsUnregisteredClusterTellingHowToRegisterAndRecordsTheSighting() throws Exception {
        PeerIdentity other = new PeerIdentity(OTHER_CLUSTER.connectClusterId(), List.of());
        IngestOutcome outcome = ingest(other, batch(snapshot(OTHER_CLUSTER, "a", "t")));
        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.message()).contains("not registered").contains("usm connect register connect-group-other")
                .contains("--confluent-platform-kafka-cluster kafka-abc");
        assertThat(spool.pendingEvents()).isZero();
        assertThat(metrics.rejected.labelValues(IngestMetrics.UNREGISTERED).get()).isEqualTo(1);
        assertThat(unregisteredSeen).hasValue(1);
        assertThat(activity.sightings()).singleElement().satisfies(s -> {
            assertThat(s.cluster()).isEqualTo(OTHER_CLUSTER);
            assertThat(s.eventsRejected()).isEqualTo(1);
        });
    }

    @Test
    void rejectsCertificateOfAnotherClusterWithoutRecordingASighting() throws Exception {
        PeerIdentity other = new PeerIdentity(OTHER_CLUSTER.connectClusterId(), List.of());
        IngestOutcome outcome = ingest(other, batch(snapshot(CLUSTER, "a", "t")));
        assertThat(outcome.status()).isEqualTo(403);
        assertThat(outcome.message()).contains("CN=connect-group-other").contains("connect-group-xyz");
        assertThat(activity.sightings()).isEmpty();
        assertThat(metrics.rejected.labelValues(IngestMetrics.IDENTITY).get()).isEqualTo(1);
    }

    @Test
    void namesTheFieldOfAMalformedBatch() throws Exception {
        String json = new String(batch(snapshot(CLUSTER, "a", "t")), StandardCharsets.UTF_8)
                .replace("\"RUNNING\"", "\"SLEEPING\"");
        IngestOutcome outcome = ingest(worker, json.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.message()).contains("[0].data");
        assertThat(ingest(worker, "not json".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void refusesMoreEventsThanTheBatchLimit() throws Exception {
        IngestOutcome outcome = ingest(worker, batch(TestEvents.snapshots(CLUSTER, "c", 6)));
        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.message()).contains("at most 5 events");
    }

    @Test
    void answers503WithRetryAfterWhenTheSpoolIsFull() throws Exception {
        spool.close();
        spool = Spool.open(new SpoolSettings(dir.resolve("small"), 2048, 4, 16), spoolMetrics, () -> { },
                Clock.systemUTC());
        router = new EventRouter(settings(1000, 7), registrations, activity, spool, metrics, () -> { }, Clock.systemUTC());
        IngestOutcome outcome = ingest(worker, batch(TestEvents.snapshots(CLUSTER, "c", 20)));
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.retryAfterSeconds()).isEqualTo(7);
        assertThat(spool.pendingEvents()).isZero();
    }
}
