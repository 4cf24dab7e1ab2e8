package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A paced resync slice on the real delivery path (DeliveryLoop, EventSender over mTLS, a recording receiver): its
 * snapshots, appended 25 every 100 ms as the observer resyncs them, reach the agent in one request; a task failure
 * found while the slice is under way is not held back behind it.
 */
class ResyncDeliveryTest {

    @RegisterExtension
    static final MtlsReceiverFixture FIXTURE = new MtlsReceiverFixture();
    private static final ClusterRef CLUSTER = new ClusterRef("kafka-id", "connect-cluster-id");

    private static DeliveryLoop delivery(PendingEvents pending, ResyncPacer pacer) {
        Map<String, String> props = new HashMap<>(FIXTURE.pki().workerProps(FIXTURE.receiver().baseUrl()));
        props.put("group.id", "connect-cluster-id");
        MetadataEventsConfig config = new MetadataEventsConfig(props);
        EventSender sender = new EventSender(config.baseUrls(), TlsContextFactory.create(config), Duration.ofSeconds(5),
                null, null);
        return new DeliveryLoop(pending, sender, new EventCodec()::encodeBatch, 500, Duration.ofSeconds(1),
                Clock.systemUTC(), new ResyncHold(pacer::underWay));
    }

    private static ConnectorSnapshot snapshot(String name, ChangeCause cause) {
        return ConnectorSnapshot.builder().name(name).connectorType(ConnectorType.SOURCE)
                .state(cause == ChangeCause.RESYNC ? ConnectorState.STOPPED : ConnectorState.FAILED).tasks(List.of())
                .config(Map.of("connector.class", "FileStreamSource")).maskedKeys(List.of()).maskReasons(Map.of())
                .cause(cause).build();
    }

    /** Delivers one event first: the sender's first request pays the TLS handshake and a cold HTTP client. */
    private static void warmUp(PendingEvents pending) {
        pending.append(CLUSTER, "w:1", "warm-up", snapshot("warm-up", ChangeCause.CREATED), Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(pending::isEmpty);
    }

    /** Resyncs the pacer's slice as FeedPasses does, chunk by chunk; {@code during} runs after the first chunk. */
    private static void resync(ResyncPacer pacer, PendingEvents pending, Runnable during) throws InterruptedException {
        boolean first = true;
        while (pacer.nextAt() != null) {
            Instant now = Instant.now();
            for (String name : pacer.due(now)) {
                pending.append(CLUSTER, "w:1", name, snapshot(name, ChangeCause.RESYNC), now);
            }
            pacer.chunkDone();
            if (first) {
                during.run();
                first = false;
            }
            Thread.sleep(ResyncPacer.STEP.toMillis());
        }
    }

    private static List<String> slice(String prefix) {
        return java.util.stream.IntStream.range(0, 250).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    /**
     * Starts a delivery thread, warms it up, resyncs a 250-connector slice through it as FeedPasses does
     * ({@code during} runs after the first chunk) and returns the requests the slice's delivery made.
     */
    private static List<RecordingHttpsReceiver.Received> deliverSlice(String prefix, PendingEvents pending,
                                                                      Runnable during) throws InterruptedException {
        ResyncPacer pacer = new ResyncPacer();
        DeliveryLoop delivery = delivery(pending, pacer);
        delivery.start();
        int before;
        try {
            warmUp(pending);
            before = FIXTURE.receiver().requests().size();
            pacer.enqueue(slice(prefix));
            resync(pacer, pending, during);
            await().atMost(Duration.ofSeconds(10)).until(pending::isEmpty);
        } finally {
            delivery.close(Duration.ofSeconds(5));
        }
        return FIXTURE.receiver().requests().subList(before, FIXTURE.receiver().requests().size());
    }

    @Test
    void aPacedSliceReachesTheAgentInOneRequest() throws Exception {
        List<RecordingHttpsReceiver.Received> requests = deliverSlice("quiet", new PendingEvents(10, Instant.now()),
                () -> { });

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).events()).hasSize(250);
    }

    @Test
    void aTaskFailureDuringASliceIsSentAtOnce() throws Exception {
        PendingEvents pending = new PendingEvents(10, Instant.now());
        Instant[] failedAt = new Instant[1];
        List<RecordingHttpsReceiver.Received> requests = deliverSlice("busy", pending, () -> {
            failedAt[0] = Instant.now();
            pending.append(CLUSTER, "w:1", "failing", snapshot("failing", ChangeCause.STATE_CHANGED), failedAt[0]);
        });

        RecordingHttpsReceiver.Received withFailure = requests.stream()
                .filter(r -> r.events().stream().map(MetadataEvent::subject).anyMatch("failing"::equals))
                .findFirst().orElseThrow();
        // Sent while the slice was still being paced (~1 s), with the snapshots queued before it: not held back
        // until the slice was complete, which a held failure would have been (one request of all 251).
        assertThat(withFailure.events()).hasSizeGreaterThan(1).hasSizeLessThan(251);
        assertThat(withFailure.at()).isAfterOrEqualTo(failedAt[0]);
        assertThat(requests.stream().mapToInt(r -> r.events().size()).sum()).isEqualTo(251);
    }
}
