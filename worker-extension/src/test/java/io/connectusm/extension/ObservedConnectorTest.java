package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.TaskSnapshot;
import io.connectusm.events.TraceMode;
import io.connectusm.extension.masking.ConnectorMasking;
import io.connectusm.secrets.MaskingOptions;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the active topics make a snapshot due: a new set is a state change and travels in the snapshot; topics
 * becoming unknown (the feed stopped) are no news; unknown topics are left out of the snapshot, none is an empty list.
 * Later snapshots of one config reuse the first one's checked collections and equal snapshots built afresh.
 */
class ObservedConnectorTest {

    private final ConnectorObserver observer = new ConnectorObserver((ConnectClusterState) null,
            new ConnectorMasking(getClass().getClassLoader(), Map.of(), MaskingOptions.defaults(), TraceMode.SCRUBBED));
    private final ConnectorConfigView config = observer.configView(Map.of("connector.class", "FileStreamSource",
            "topic", "orders"));

    private ObservedConnector seen(List<String> topics) {
        return new ObservedConnector("src", ConnectorType.SOURCE, ConnectorState.RUNNING, "w:1", null, List.of(), config,
                topics);
    }

    @Test
    void aNewSetOfTopicsIsAStateChangeAndUnknownTopicsAreNone() {
        assertThat(seen(List.of("orders")).changeSince(seen(List.of()))).isEqualTo(ChangeCause.STATE_CHANGED);
        assertThat(seen(List.of()).changeSince(seen(List.of("orders")))).isEqualTo(ChangeCause.STATE_CHANGED);
        assertThat(seen(List.of("orders")).changeSince(seen(null))).isEqualTo(ChangeCause.STATE_CHANGED);
        assertThat(seen(List.of("orders")).changeSince(seen(List.of("orders")))).isNull();
        assertThat(seen(null).changeSince(seen(List.of("orders")))).as("the feed stopped").isNull();
        assertThat(seen(null).changeSince(seen(null))).isNull();
    }

    @Test
    void theSnapshotCarriesTheTopicsWhenKnown() {
        assertThat(seen(List.of("orders", "audit")).toSnapshot(ChangeCause.STATE_CHANGED).topics())
                .containsExactly("audit", "orders");
        assertThat(seen(List.of()).toSnapshot(ChangeCause.RESYNC).topics()).isEmpty();
        assertThat(seen(null).toSnapshot(ChangeCause.RESYNC).topics()).isNull();
    }

    @Test
    void laterSnapshotsOfOneConfigReuseTheFirstsCollectionsAndEqualOnesBuiltAfresh() {
        ConnectorSnapshot first = seen(List.of("orders")).toSnapshot(ChangeCause.CREATED);
        ObservedConnector later = new ObservedConnector("src", ConnectorType.SOURCE, ConnectorState.PAUSED, "w:2", null,
                List.of(new TaskSnapshot(0, ConnectorState.PAUSED, "w:2", null)), config, null);
        ConnectorSnapshot resync = later.toSnapshot(ChangeCause.RESYNC);

        assertThat(resync.config()).isSameAs(first.config());
        assertThat(resync.state()).isEqualTo(ConnectorState.PAUSED);
        assertThat(resync.tasks()).hasSize(1);
        assertThat(resync.topics()).isNull();
        assertThat(resync.actor()).isNull();
        ConnectorSnapshot fresh = new ObservedConnector("src", ConnectorType.SOURCE, ConnectorState.PAUSED, "w:2", null,
                List.of(new TaskSnapshot(0, ConnectorState.PAUSED, "w:2", null)),
                observer.configView(Map.of("connector.class", "FileStreamSource", "topic", "orders")), null)
                .toSnapshot(ChangeCause.RESYNC);
        assertThat(resync).isEqualTo(fresh).hasToString(fresh.toString());
        assertThat(resync.config()).isNotSameAs(fresh.config());
    }
}
