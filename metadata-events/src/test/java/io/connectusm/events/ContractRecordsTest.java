package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The records refuse to hold what the wire contract forbids, so no module can emit it. */
class ContractRecordsTest {

    private static final Instant TIME = Instant.parse("2025-03-01T09:30:00Z");

    @Test
    void subjectIsDerivedFromThePayload() {
        assertThat(SampleEvents.event(SampleEvents.snapshot(), 0).subject()).isEqualTo("jdbc-sink-orders");
        assertThat(SampleEvents.event(SampleEvents.deleted(), 0).subject()).isEqualTo("s3-sink-legacy");
        assertThat(SampleEvents.event(SampleEvents.plugins(), 0).subject()).isEqualTo(SampleEvents.WORKER);
        assertThat(SampleEvents.event(SampleEvents.inventory(), 0).subject()).isNull();
    }

    @Test
    void aSubjectThatContradictsThePayloadIsRefused() {
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, 0, TIME,
                "other", SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, 0, TIME,
                "lkc", SampleEvents.inventory())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, 0, TIME,
                "s3-sink-legacy", SampleEvents.deleted()).subject()).isEqualTo("s3-sink-legacy");
    }

    @Test
    void envelopeValuesOutsideTheWiresRangeAreRefused() {
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, -1, TIME,
                SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataEvent("", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, 0, TIME,
                SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER,
                Instant.parse("1969-12-31T23:59:59Z"), 0, TIME, SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, Instant.MAX, 0, TIME,
                SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetadataEvent("id", SampleEvents.CLUSTER, SampleEvents.WORKER, TIME, 0,
                Instant.parse("+10000-01-01T00:00:00Z"), SampleEvents.deleted())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterRef("", "connect")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourceKeepsUsualIdsAndEscapesTheRest() {
        assertThat(new ClusterRef("lkc-abc123", "connect-cluster").source()).isEqualTo("/connect/lkc-abc123/connect-cluster");
        assertThat(new ClusterRef("a.b_c~d", "x/y").source()).isEqualTo("/connect/a.b_c~d/x%2Fy");
    }

    @Test
    void tasksAreKeptInIdOrderAndIdsMustBeUnique() {
        TaskSnapshot second = new TaskSnapshot(1, ConnectorState.RUNNING, null, null);
        TaskSnapshot first = new TaskSnapshot(0, ConnectorState.PAUSED, null, null);

        assertThat(snapshotWithTasks(List.of(second, first)).tasks()).containsExactly(first, second);
        assertThatThrownBy(() -> snapshotWithTasks(List.of(first, new TaskSnapshot(0, ConnectorState.RUNNING, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task id 0");
    }

    @Test
    void aFingerprintThatIsNotOfTheConfigIsRefused() {
        TreeMap<String, String> config = new TreeMap<>(Map.of("topics", "orders"));

        assertThatThrownBy(() -> ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .config(config)
                .configFingerprint(ConfigFingerprint.of(Map.of("topics", "other")))
                .cause(ChangeCause.CREATED)
                .build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configFingerprint");
    }

    @Test
    void pluginsAreKeptInClassNameOrder() {
        PluginDescriptor b = new PluginDescriptor("b.Sink", "sink", "1");
        PluginDescriptor a2 = new PluginDescriptor("a.Source", "source", "2");
        PluginDescriptor a1 = new PluginDescriptor("a.Source", "source", null);

        assertThat(new WorkerPlugins("w", null, List.of(b, a2, a1)).plugins()).containsExactly(a1, a2, b);
    }

    @Test
    void inventoryRefusesMalformedFingerprintsAndEmptyNames() {
        assertThatThrownBy(() -> new ClusterInventory(new TreeMap<>(Map.of("c", "sha256:short"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterInventory(new TreeMap<>(Map.of("", ConfigFingerprint.of(Map.of())))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConnectorSnapshot snapshotWithTasks(List<TaskSnapshot> tasks) {
        return ConnectorSnapshot.builder()
                .name("c")
                .connectorType(ConnectorType.SINK)
                .state(ConnectorState.RUNNING)
                .tasks(tasks)
                .cause(ChangeCause.TASKS_CHANGED)
                .build();
    }
}
