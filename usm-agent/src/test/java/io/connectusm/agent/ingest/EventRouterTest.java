package io.connectusm.agent.ingest;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.TestEvents;
import io.connectusm.agent.registration.Registration;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.agent.spool.PendingEvent;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.agent.tls.PeerIdentity;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void storesEachEventAsTheBytesTheWorkerSent() throws Exception {
        ArrayNode sent = (ArrayNode) JSON.readTree(batch(snapshot(CLUSTER, "a", "t"), snapshot(CLUSTER, "b", "t")));
        ((ObjectNode) sent.get(1)).put("x-field-of-a-newer-worker", "kept");
        String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sent);

        assertThat(ingest(worker, body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);

        List<PendingEvent> pending = spool.pending(10).get(5, TimeUnit.SECONDS);
        assertThat(pending).hasSize(2);
        for (PendingEvent event : pending) {
            assertThat(body).contains(new String(event.json(), StandardCharsets.UTF_8));
        }
        assertThat(new String(pending.get(1).json(), StandardCharsets.UTF_8)).contains("x-field-of-a-newer-worker")
                .contains("\n");
        // What the forwarder sends, the stored bytes joined, is a batch the endpoint's codec reads as the two events.
        assertThat(TestEvents.CODEC.decodeBatch(BatchCodec.batchOf(pending.stream().map(PendingEvent::json).toList())))
                .extracting(MetadataEvent::subject).containsExactly("a", "b");
    }

    @Test
    void theSameStateSentAgainInOtherBytesIsDeduplicated() throws Exception {
        MetadataEvent first = snapshot(CLUSTER, "a", "t1");
        ConnectorSnapshot s = (ConnectorSnapshot) first.payload();
        MetadataEvent again = new MetadataEvent("another-id", CLUSTER, first.workerId(), first.epoch().plusSeconds(60), 0,
                first.time().plusSeconds(60), "a", s.toBuilder().cause(ChangeCause.RESYNC).build());
        ObjectNode reordered = JSON.createObjectNode();
        ObjectNode tree = (ObjectNode) JSON.readTree(batch(again)).get(0);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        names.forEach(name -> reordered.set(name, tree.get(name)));
        byte[] otherBytes = JSON.writerWithDefaultPrettyPrinter()
                .with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(JSON.createArrayNode().add(reordered));

        assertThat(ingest(worker, batch(first)).status()).isEqualTo(204);
        assertThat(ingest(worker, otherBytes).status()).isEqualTo(204);
        assertThat(ingest(worker, batch(snapshot(CLUSTER, "a", "t2"))).status()).isEqualTo(204);

        // The second was the first's state: not stored (with history 4, a new state would have been kept).
        assertThat(spool.pending(10).get(5, TimeUnit.SECONDS)).extracting(p -> p.event().id())
                .doesNotContain("another-id").hasSize(2).contains(first.id());
    }

    /**
     * Issue #12: another worker's report of the connector's last state is what settles authority at the endpoint (the
     * worker running a task is authoritative for it), so it is forwarded once; its repeats are not.
     */
    @Test
    void theSameStateFromAnotherWorkerIsForwardedOncePerWorker() throws Exception {
        MetadataEvent first = snapshot(CLUSTER, "a", "t1");
        MetadataEvent fromB = fromWorker(first, "worker-2:8083", "b-1", 1);
        MetadataEvent fromBAgain = fromWorker(first, "worker-2:8083", "b-2", 2);
        MetadataEvent fromAAgain = fromWorker(first, first.workerId(), "a-2", 3);

        for (MetadataEvent e : List.of(first, fromB, fromBAgain, fromAAgain)) {
            assertThat(ingest(worker, batch(e)).status()).isEqualTo(204);
        }

        assertThat(spool.pending(10).get(5, TimeUnit.SECONDS)).extracting(p -> p.event().id())
                .containsExactly(first.id(), "b-1");
    }

    private static MetadataEvent fromWorker(MetadataEvent e, String workerId, String id, int seconds) {
        ConnectorSnapshot s = (ConnectorSnapshot) e.payload();
        return new MetadataEvent(id, e.cluster(), workerId, e.epoch().plusSeconds(seconds), 0,
                e.time().plusSeconds(seconds), e.subject(), s.toBuilder().cause(ChangeCause.RESYNC).build());
    }

    @Test
    void theSecondLineScrubsTheEventsItFlagsAndLeavesTheOthersAsSent() throws Exception {
        String canary = "Canary-s3cr3t-7f3a9d";
        SecondLineScan scan = new SecondLineScan() {
            @Override
            public boolean flags(String text) {
                return text.contains(canary);
            }

            @Override
            public MetadataEvent scrub(MetadataEvent event) {
                ConnectorSnapshot s = (ConnectorSnapshot) event.payload();
                return new MetadataEvent(event.id(), event.cluster(), event.workerId(), event.epoch(), event.sequence(),
                        event.time(), event.subject(), s.toBuilder().trace("(scrubbed)").build());
            }
        };
        router = new EventRouter(settings(5, 7), registrations, activity, spool, metrics, () -> { }, Clock.systemUTC(), scan);
        ArrayNode sent = (ArrayNode) JSON.readTree(batch(snapshot(CLUSTER, "a", "t"), snapshot(CLUSTER, "b", "t")));
        ((ObjectNode) sent.get(0).get("data")).put("trace", "java.sql.SQLException: login failed for " + canary);
        // In a field the contract does not know, which would travel on in the bytes: it must be looked at too.
        ((ObjectNode) sent.get(1)).putObject("x-debug").put("echo", canary);
        String body = JSON.writeValueAsString(sent);

        assertThat(ingest(worker, body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);

        List<PendingEvent> pending = spool.pending(10).get(5, TimeUnit.SECONDS);
        assertThat(pending).hasSize(2).allSatisfy(event ->
                assertThat(new String(event.json(), StandardCharsets.UTF_8)).doesNotContain(canary));
        assertThat(((ConnectorSnapshot) pending.get(0).event().payload()).trace()).isEqualTo("(scrubbed)");

        ArrayNode clean = (ArrayNode) JSON.readTree(batch(snapshot(CLUSTER, "c", "t")));
        String cleanBody = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(clean);
        assertThat(ingest(worker, cleanBody.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
        assertThat(cleanBody).contains(new String(spool.pending(10).get(5, TimeUnit.SECONDS).get(2).json(),
                StandardCharsets.UTF_8));
    }

    @Test
    void aSecondLineThatCannotRewriteAnEventRefusesTheBatchRatherThanLetItLeave() throws Exception {
        SecondLineScan broken = new SecondLineScan() {
            @Override
            public boolean flags(String text) {
                return text.startsWith("t");
            }

            @Override
            public MetadataEvent scrub(MetadataEvent event) {
                throw new IllegalStateException("cannot");
            }
        };
        router = new EventRouter(settings(5, 7), registrations, activity, spool, metrics, () -> { }, Clock.systemUTC(), broken);

        assertThat(ingest(worker, batch(snapshot(CLUSTER, "a", "t"))).status()).isEqualTo(500);
        assertThat(spool.pendingEvents()).isZero();
    }

    @Test
    void aBatchInUtf16IsAcceptedAndStoredInUtf8() throws Exception {
        byte[] utf16 = new String(batch(snapshot(CLUSTER, "a", "t")), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16LE);

        assertThat(ingest(worker, utf16).status()).isEqualTo(204);

        byte[] stored = spool.pending(10).get(5, TimeUnit.SECONDS).get(0).json();
        assertThat(stored[0]).isEqualTo((byte) '{');
        assertThat(BatchCodec.decodeEvent(stored).subject()).isEqualTo("a");
    }
}
