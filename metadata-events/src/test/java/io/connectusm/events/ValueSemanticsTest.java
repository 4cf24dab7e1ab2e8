package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract types are final classes (Java 11 bytecode for the worker plugin), not records: they must keep a
 * record's value semantics all the same. Rebuilt from its accessors, every generated event is equal to the
 * original, with the same hash code and text; changing any one field makes it unequal; collections handed out
 * cannot be changed.
 */
class ValueSemanticsTest {

    private static final int EVENTS = 2_000;

    @Test
    void anEventRebuiltFromItsAccessorsIsEqual() {
        RandomEvents random = new RandomEvents(20_250_301L);
        for (int i = 0; i < EVENTS; i++) {
            MetadataEvent event = random.next();
            MetadataEvent copy = rebuild(event);
            assertThat(copy).isEqualTo(event).hasSameHashCodeAs(event).hasToString(event.toString());
            assertThat(copy).isNotSameAs(event);
        }
    }

    @Test
    void changingAnyOneFieldOfAnEventMakesItUnequal() {
        MetadataEvent event = SampleEvents.event(SampleEvents.snapshot(), 7);
        Instant later = event.time().plusMillis(1);
        List<MetadataEvent> changed = List.of(
                new MetadataEvent("other", event.cluster(), event.workerId(), event.epoch(), 7, event.time(), event.payload()),
                new MetadataEvent(event.id(), new ClusterRef("other", "c"), event.workerId(), event.epoch(), 7, event.time(),
                        event.payload()),
                new MetadataEvent(event.id(), event.cluster(), "other:1", event.epoch(), 7, event.time(), event.payload()),
                new MetadataEvent(event.id(), event.cluster(), event.workerId(), event.epoch().plusMillis(1), 7, event.time(),
                        event.payload()),
                new MetadataEvent(event.id(), event.cluster(), event.workerId(), event.epoch(), 8, event.time(), event.payload()),
                new MetadataEvent(event.id(), event.cluster(), event.workerId(), event.epoch(), 7, later, event.payload()),
                new MetadataEvent(event.id(), event.cluster(), event.workerId(), event.epoch(), 7, event.time(),
                        withCause((ConnectorSnapshot) event.payload(), ChangeCause.RESYNC)));
        for (MetadataEvent other : changed) {
            assertThat(other).isNotEqualTo(event);
        }
    }

    @Test
    void changingAnyOneFieldOfASnapshotMakesItUnequal() {
        ConnectorSnapshot s = SampleEvents.snapshot();
        List<TaskSnapshot> otherTasks = new ArrayList<>(s.tasks());
        TaskSnapshot first = otherTasks.get(0);
        otherTasks.set(0, new TaskSnapshot(first.id(), first.state(), first.workerId(), "a trace"));
        TreeMap<String, String> otherConfig = new TreeMap<>(s.config());
        otherConfig.put("an.extra.key", "value");
        List<ConnectorSnapshot> changed = List.of(
                s.toBuilder().name("other").build(),
                s.toBuilder().connectorClass("Other").build(),
                s.toBuilder().connectorType(ConnectorType.SOURCE).build(),
                s.toBuilder().state(ConnectorState.PAUSED).build(),
                s.toBuilder().workerId("other:1").build(),
                s.toBuilder().trace("trace").build(),
                s.toBuilder().tasks(otherTasks).build(),
                s.toBuilder().config(otherConfig).build(),
                s.toBuilder().maskedKeys(new TreeSet<>(List.of("absent.key"))).build(),
                withCause(s, ChangeCause.RESYNC),
                s.toBuilder().maskReasons(new TreeMap<>(Map.of("connection.password", "type"))).build(),
                s.toBuilder().traceMode(TraceMode.SUMMARY).build(),
                s.toBuilder().topics(List.of()).build(),
                s.toBuilder().topics(List.of("orders")).build(),
                s.withActor(new ChangeActor("alice", null, null, null, null, false)),
                s.withActor(new ChangeActor(null, null, null, null, null, true)));
        for (ConnectorSnapshot other : changed) {
            assertThat(other).as(other.toString()).isNotEqualTo(s);
        }
    }

    @Test
    void collectionsHandedOutCannotBeChanged() {
        ConnectorSnapshot s = SampleEvents.snapshot();
        assertThatThrownBy(() -> s.config().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.maskedKeys().add("k")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SampleEvents.snapshotWithReasons().maskReasons().put("k", "type"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.tasks().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SampleEvents.snapshotWithTopics().topics().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SampleEvents.plugins().plugins().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SampleEvents.inventory().connectors().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void textLooksLikeARecordsWithTheClusterAsItsSource() {
        assertThat(new ConnectorDeleted("orders")).hasToString("ConnectorDeleted[name=orders]");
        assertThat(new TaskSnapshot(2, ConnectorState.RUNNING, "w:8083", null))
                .hasToString("TaskSnapshot[id=2, state=RUNNING, workerId=w:8083, trace=null]");
        assertThat(new ClusterRef("lkc-1", "connect")).hasToString("lkc-1/connect");
    }

    private static MetadataEvent rebuild(MetadataEvent e) {
        return new MetadataEvent(new String(e.id()), new ClusterRef(new String(e.cluster().kafkaClusterId()),
                new String(e.cluster().connectClusterId())), new String(e.workerId()), e.epoch(), e.sequence(), e.time(),
                e.subject() == null ? null : new String(e.subject()), rebuild(e.payload()));
    }

    private static EventPayload rebuild(EventPayload payload) {
        if (payload instanceof ConnectorSnapshot s) {
            List<TaskSnapshot> tasks = new ArrayList<>();
            for (TaskSnapshot t : s.tasks()) {
                tasks.add(new TaskSnapshot(t.id(), t.state(), t.workerId(), t.trace()));
            }
            return ConnectorSnapshot.builder()
                    .name(s.name())
                    .connectorClass(s.connectorClass())
                    .connectorType(s.connectorType())
                    .state(s.state())
                    .workerId(s.workerId())
                    .trace(s.trace())
                    .tasks(tasks)
                    .config(new TreeMap<>(s.config()))
                    .maskedKeys(new TreeSet<>(s.maskedKeys()))
                    .maskReasons(new TreeMap<>(s.maskReasons()))
                    .configFingerprint(s.configFingerprint())
                    .cause(s.cause())
                    .traceMode(s.traceMode())
                    .actor(s.actor() == null ? null : new ChangeActor(s.actor().principal(), s.actor().clientAddress(),
                            s.actor().forwardedFor(), s.actor().userAgent(), s.actor().request(),
                            s.actor().forwarded()))
                    .topics(s.topics() == null ? null : new ArrayList<>(s.topics()))
                    .build();
        }
        if (payload instanceof ConnectorDeleted d) {
            return new ConnectorDeleted(new String(d.name()), d.actor() == null ? null
                    : new ChangeActor(d.actor().principal(), d.actor().clientAddress(), d.actor().forwardedFor(),
                            d.actor().userAgent(), d.actor().request(), d.actor().forwarded()));
        }
        if (payload instanceof ClusterInventory inventory) {
            return new ClusterInventory(new TreeMap<>(inventory.connectors()));
        }
        WorkerPlugins p = (WorkerPlugins) payload;
        List<PluginDescriptor> plugins = new ArrayList<>();
        for (PluginDescriptor d : p.plugins()) {
            plugins.add(new PluginDescriptor(d.className(), d.type(), d.version()));
        }
        return new WorkerPlugins(p.workerId(), p.kafkaVersion(), plugins);
    }

    private static ConnectorSnapshot withCause(ConnectorSnapshot s, ChangeCause cause) {
        return s.toBuilder().cause(cause).build();
    }
}
