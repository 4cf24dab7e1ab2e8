package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TraceMode;
import io.connectusm.extension.masking.ConnectorMasking;
import io.connectusm.secrets.MaskingOptions;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.errors.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 item 4: a connector created and deleted before its first status was reported only as a deletion. Its
 * config, kept for that status, now goes out as its {@code CREATED} snapshot just before the deletion (same time,
 * lower sequence), masked like any snapshot, once however many threads report the deletion; a connector already
 * reported gets no second {@code CREATED}.
 */
class CreatedAndDeletedAtOnceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    /** The herder as the health API shows it: one connector, {@code old}, running. */
    private static final ConnectClusterState ONE_RUNNING = new ConnectClusterState() {
        @Override
        public Collection<String> connectors() {
            return List.of("old");
        }

        @Override
        public ConnectorHealth connectorHealth(String name) {
            if (!name.equals("old")) {
                throw new NotFoundException("Connector " + name + " not found");
            }
            return new ConnectorHealth("old", new org.apache.kafka.connect.health.ConnectorState("RUNNING", "w:1", null),
                    Map.of(), org.apache.kafka.connect.health.ConnectorType.SOURCE);
        }
    };

    private final ConnectorObserver observer = new ConnectorObserver(ONE_RUNNING,
            new ConnectorMasking(getClass().getClassLoader(), Map.of(), MaskingOptions.defaults(), TraceMode.SCRUBBED));
    private final PendingEvents pending = new PendingEvents(10, Instant.EPOCH);
    private final ChangeDetector detector = new ChangeDetector(observer, pending,
            WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://:0"), () -> "w"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aConnectorDeletedBeforeItsFirstStatusIsReportedCreatedThenDeleted() {
        detector.clusterKnown(new ClusterRef("kafka-1", "connect-1"));
        detector.configPending("quick", observer.configView(Map.of("connector.class", "FileStreamSource",
                "topic", "orders", "db.password", "hunter2-do-not-leak")));

        detector.reportDeletedNow("quick"); // the REST filter
        detector.reportDeletedNow("quick"); // the feed's tombstone

        List<MetadataEvent> events = pending.peek(10);
        assertThat(events).extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("ConnectorSnapshot", "ConnectorDeleted");
        ConnectorSnapshot created = (ConnectorSnapshot) events.get(0).payload();
        assertThat(created.cause()).isEqualTo(ChangeCause.CREATED);
        assertThat(created.state()).isEqualTo(ConnectorState.UNASSIGNED);
        assertThat(created.tasks()).isEmpty();
        assertThat(created.config()).containsEntry("topic", "orders").doesNotContainValue("hunter2-do-not-leak");
        assertThat(created.maskedKeys()).contains("db.password");
        assertThat(events.get(0).time()).isEqualTo(events.get(1).time());
        assertThat(events.get(0).sequence()).isLessThan(events.get(1).sequence());
        assertThat(((ConnectorDeleted) events.get(1).payload()).name()).isEqualTo("quick");
        assertThat(detector.pendingConfig("quick")).isNull();
    }

    /** The create's config not yet taken by the observer thread: the deletion masks and reports it itself. */
    @Test
    void aCreateTheObserverHasNotTakenYetIsReportedFromTheDeletionsOwnThread() {
        detector.clusterKnown(new ClusterRef("kafka-1", "connect-1"));

        detector.reportDeletedNow("quicker", Map.of("connector.class", "FileStreamSource",
                "db.password", "hunter2-do-not-leak"));

        List<MetadataEvent> events = pending.peek(10);
        assertThat(events).extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("ConnectorSnapshot", "ConnectorDeleted");
        assertThat(((ConnectorSnapshot) events.get(0).payload()).config())
                .doesNotContainValue("hunter2-do-not-leak").containsKey("db.password");
    }

    /** A config PUT then a DELETE at once of a connector already reported: its deletion, no second CREATED. */
    @Test
    void aConnectorAlreadyReportedGetsNoCreatedWhateverConfigIsUndrained() {
        detector.clusterKnown(new ClusterRef("kafka-1", "connect-1"));
        ConnectorConfigView config = observer.configView(Map.of("connector.class", "FileStreamSource"));
        assertThat(detector.observe("old", config, NOW)).isEqualTo(Observation.OBSERVED);
        pending.remove(pending.peek(10));

        detector.reportDeletedNow("old", Map.of("connector.class", "FileStreamSource", "topic", "changed"));

        assertThat(pending.peek(10)).extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("ConnectorDeleted");
    }

    @Test
    void aConnectorWithoutAKeptConfigIsReportedDeletedOnly() {
        detector.clusterKnown(new ClusterRef("kafka-1", "connect-1"));

        detector.reportDeletedNow("seen-before");

        assertThat(pending.peek(10)).extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("ConnectorDeleted");
    }
}
