package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.Ignore;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Outcome;
import io.connectusm.endpoint.store.SnapshotApplier.Tombstone;
import io.connectusm.endpoint.store.SnapshotApplier.Write;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/** The apply policy on its own, no database: ordering, change kinds, tombstones, and convergence in any order. */
class SnapshotApplierTest {

    static final ClusterRef REF = new ClusterRef("kafka-1", "connect-1");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String WORKER = "worker-1:8083";

    /** A snapshot event; every argument that can differ between two snapshots is one. */
    private static MetadataEvent snapshot(Instant time, Instant epoch, long sequence, String topic, ConnectorState state,
                                          String worker, String trace, List<TaskSnapshot> tasks) {
        return snapshot(time, epoch, sequence, topic, state, worker, trace, tasks, ChangeCause.RESYNC);
    }

    private static MetadataEvent snapshot(Instant time, Instant epoch, long sequence, String topic, ConnectorState state,
                                          String worker, String trace, List<TaskSnapshot> tasks, ChangeCause cause) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "FileSource", "topic", topic,
                "db.password", ConnectorSnapshot.MASKED_VALUE));
        ConnectorSnapshot s = ConnectorSnapshot.builder()
                .name("src")
                .connectorClass("org.example.FileSource")
                .connectorType(ConnectorType.SOURCE)
                .state(state)
                .workerId(worker)
                .trace(trace)
                .tasks(tasks)
                .config(config)
                .maskedKeys(new TreeSet<>(List.of("db.password")))
                .configFingerprint(ConfigFingerprint.of(config))
                .cause(cause)
                .build();
        return new MetadataEvent(UUID.randomUUID().toString(), REF, WORKER, epoch, sequence, time, "src", s);
    }

    private static MetadataEvent snapshot(Instant time, long sequence, String topic) {
        return snapshot(time, EPOCH, sequence, topic, ConnectorState.RUNNING, WORKER, null, tasks(ConnectorState.RUNNING));
    }

    private static List<TaskSnapshot> tasks(ConnectorState... states) {
        List<TaskSnapshot> out = new ArrayList<>();
        for (int i = states.length - 1; i >= 0; i--) { // out of order on purpose: the applier compares by task ID
            out.add(new TaskSnapshot(i, states[i], WORKER, null));
        }
        return out;
    }

    private static MetadataEvent deleted(Instant time, long sequence) {
        return new MetadataEvent(UUID.randomUUID().toString(), REF, WORKER, EPOCH, sequence, time, "src",
                new ConnectorDeleted("src"));
    }

    private static Outcome apply(ConnectorRow stored, MetadataEvent event) {
        return SnapshotApplier.snapshot(stored, event, (ConnectorSnapshot) event.payload());
    }

    /** The row a Write leaves behind, as the JDBC rows would store it. */
    private static ConnectorRow rowAfter(Outcome outcome) {
        Write w = (Write) outcome;
        return new ConnectorRow(w.connector(), false, w.stamp(), w.merge());
    }

    private static ConnectorRow stored(MetadataEvent event) {
        return rowAfter(apply(null, event));
    }

    @Test
    void aFirstSnapshotIsCreatedWithItsWholeConfigAsTheDiff() {
        Outcome outcome = apply(null, snapshot(T0, 0, "a"));

        assertThat(outcome).isInstanceOfSatisfying(Write.class, w -> {
            assertThat(w.rowExists()).isFalse();
            assertThat(w.change().kind()).isEqualTo(HistoryKind.CREATED);
            assertThat(w.change().diff()).extracting(ConfigDiff.Change::key)
                    .containsExactly("connector.class", "db.password", "topic");
            assertThat(w.change().diff()).allMatch(c -> c.kind() == ConfigDiff.Kind.ADDED);
            assertThat(w.connector().tasks()).extracting(TaskSnapshot::id).containsExactly(0);
            assertThat(w.connector().lastChange()).isEqualTo(T0);
        });
        assertThat(outcome.applied()).isTrue();
    }

    @Test
    void onlyAStrictlyNewerStampApplies() {
        ConnectorRow row = stored(snapshot(T0, EPOCH, 5, "a", ConnectorState.RUNNING, WORKER, null, tasks()));
        Instant laterEpoch = EPOCH.plusSeconds(1);

        assertThat(apply(row, snapshot(T0.minusNanos(1), EPOCH, 99, "b", ConnectorState.RUNNING, WORKER, null, tasks())))
                .as("older time, whatever the sequence").isInstanceOf(Ignore.class);
        assertThat(apply(row, snapshot(T0, EPOCH.minusSeconds(1), 99, "b", ConnectorState.RUNNING, WORKER, null,
                tasks()))).as("same time, older epoch").isInstanceOf(Ignore.class);
        assertThat(apply(row, snapshot(T0, EPOCH, 4, "b", ConnectorState.RUNNING, WORKER, null, tasks())))
                .as("same time and epoch, lower sequence").isInstanceOf(Ignore.class);
        assertThat(apply(row, snapshot(T0, EPOCH, 5, "b", ConnectorState.RUNNING, WORKER, null, tasks())))
                .as("the same stamp: a duplicate").isInstanceOf(Ignore.class);
        assertThat(apply(row, snapshot(T0, EPOCH, 6, "b", ConnectorState.RUNNING, WORKER, null, tasks())))
                .isInstanceOf(Write.class);
        assertThat(apply(row, snapshot(T0, laterEpoch, 0, "b", ConnectorState.RUNNING, WORKER, null, tasks())))
                .as("a restarted emitter's sequence starts again").isInstanceOf(Write.class);
    }

    @Test
    void theSameStateAgainOnlyMovesTheStamp() {
        ConnectorRow row = stored(snapshot(T0, 0, "a"));

        Outcome outcome = apply(row, snapshot(T0.plusSeconds(1), 1, "a"));

        assertThat(outcome).isInstanceOfSatisfying(MoveStamp.class,
                m -> assertThat(m.stamp()).isEqualTo(new EventStamp(T0.plusSeconds(1), EPOCH, 1)));
        assertThat(outcome.applied()).isFalse();
    }

    @Test
    void eachChangeIsNamedByWhatChangedConfigFirstThenStateThenTasks() {
        ConnectorRow row = stored(snapshot(T0, 0, "a"));
        Instant t = T0.plusSeconds(1);
        List<TaskSnapshot> running = tasks(ConnectorState.RUNNING);

        assertThat(kind(row, snapshot(t, EPOCH, 1, "b", ConnectorState.PAUSED, "other:8083", null, running)))
                .isEqualTo(HistoryKind.CONFIG_UPDATED);
        assertThat(kind(row, snapshot(t, EPOCH, 1, "a", ConnectorState.PAUSED, WORKER, null, tasks())))
                .isEqualTo(HistoryKind.STATE_CHANGED);
        assertThat(kind(row, snapshot(t, EPOCH, 1, "a", ConnectorState.RUNNING, "other:8083", null, running)))
                .as("the connector moved to another worker").isEqualTo(HistoryKind.STATE_CHANGED);
        assertThat(kind(row, snapshot(t, EPOCH, 1, "a", ConnectorState.RUNNING, WORKER, "java.lang.Boom", running)))
                .as("a trace appeared").isEqualTo(HistoryKind.STATE_CHANGED);
        assertThat(kind(row, snapshot(t, EPOCH, 1, "a", ConnectorState.RUNNING, WORKER, null,
                tasks(ConnectorState.FAILED)))).isEqualTo(HistoryKind.TASKS_CHANGED);
        assertThat(kind(row, snapshot(t, EPOCH, 1, "a", ConnectorState.RUNNING, WORKER, null,
                tasks(ConnectorState.RUNNING, ConnectorState.RUNNING)))).as("a task added").isEqualTo(HistoryKind.TASKS_CHANGED);
    }

    private static HistoryKind kind(ConnectorRow row, MetadataEvent event) {
        return ((Write) apply(row, event)).change().kind();
    }

    @Test
    void aConfigChangeRecordsOnlyTheKeysThatChanged() {
        ConnectorRow row = stored(snapshot(T0, 0, "a"));

        Write w = (Write) apply(row, snapshot(T0.plusSeconds(1), 1, "b"));

        assertThat(w.rowExists()).isTrue();
        assertThat(w.change().diff()).containsExactly(new ConfigDiff.Change("topic", ConfigDiff.Kind.CHANGED, "a", "b"));
    }

    @Test
    void aDeletionLeavesATombstoneThatOnlyANewerSnapshotRevives() {
        ConnectorRow live = stored(snapshot(T0, 0, "a"));

        Outcome deletion = SnapshotApplier.deleted(live, deleted(T0.plusSeconds(5), 5), "src");

        assertThat(deletion).isInstanceOfSatisfying(Delete.class, d -> {
            assertThat(d.change().kind()).isEqualTo(HistoryKind.DELETED);
            assertThat(d.change().state()).isNull();
            assertThat(d.change().diff()).allMatch(c -> c.kind() == ConfigDiff.Kind.REMOVED).hasSize(3);
        });
        ConnectorRow tombstone = new ConnectorRow(live.connector(), true, new EventStamp(T0.plusSeconds(5), EPOCH, 5));
        assertThat(apply(tombstone, snapshot(T0.plusSeconds(2), 2, "late"))).isInstanceOf(Ignore.class);
        assertThat(apply(tombstone, snapshot(T0.plusSeconds(9), 9, "again"))).isInstanceOfSatisfying(Write.class, w -> {
            assertThat(w.rowExists()).isTrue();
            assertThat(w.change().kind()).isEqualTo(HistoryKind.CREATED);
        });
    }

    @Test
    void aDeletionOfAConnectorNeverSeenRecordsThatItExistedAndATombstoneAgainRecordsNothing() {
        ConnectorRow tombstone = new ConnectorRow(stored(snapshot(T0, 0, "a")).connector(), true,
                new EventStamp(T0.plusSeconds(5), EPOCH, 5));

        assertThat(SnapshotApplier.deleted(null, deleted(T0, 0), "src")).isInstanceOfSatisfying(Tombstone.class, t -> {
            assertThat(t.stamp()).isEqualTo(new EventStamp(T0, EPOCH, 0));
            assertThat(t.rowExists()).isFalse();
            assertThat(t.change().kind()).as("created and deleted before any worker observed it")
                    .isEqualTo(HistoryKind.DELETED);
        });
        assertThat(SnapshotApplier.deleted(tombstone, deleted(T0.plusSeconds(6), 6), "src"))
                .isInstanceOfSatisfying(Tombstone.class, t -> {
                    assertThat(t.stamp()).isEqualTo(new EventStamp(T0.plusSeconds(6), EPOCH, 6));
                    assertThat(t.rowExists()).isTrue();
                    assertThat(t.change()).isNull();
                });
        assertThat(SnapshotApplier.deleted(tombstone, deleted(T0.plusSeconds(4), 4), "src")).isInstanceOf(Ignore.class);
    }

    @Test
    void aNewerInventoryDeletesOnlyTheLiveConnectorsItNoLongerLists() {
        ConnectorRow listed = renamed(stored(snapshot(T0, 0, "a")), "listed", T0);
        ConnectorRow gone = renamed(listed, "gone", T0);
        ConnectorRow reportedAfter = renamed(listed, "reported-after", T0.plusSeconds(20));
        MetadataEvent inventory = new MetadataEvent(UUID.randomUUID().toString(), REF, WORKER, EPOCH, 9,
                T0.plusSeconds(10), null, new ClusterInventory(new TreeMap<>(Map.of("listed",
                ConfigFingerprint.of(Map.of())))));

        List<Outcome> outcomes = SnapshotApplier.inventory(List.of(listed, gone, reportedAfter), inventory,
                (ClusterInventory) inventory.payload());

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Delete.class,
                d -> assertThat(d.name()).isEqualTo("gone"));
    }

    /** The same live row under another name, last changed (and stamped) at {@code time}. */
    private static ConnectorRow renamed(ConnectorRow row, String name, Instant time) {
        StoredConnector c = row.connector();
        return new ConnectorRow(new StoredConnector(name, c.connectorClass(), c.connectorType(), c.state(),
                c.workerId(), c.trace(), c.tasks(), c.config(), c.maskedKeys(), c.configFingerprint(), time), false,
                new EventStamp(time, EPOCH, 0));
    }

    /**
     * Written to break ordering: a history of snapshots and deletions of one connector, delivered in many random
     * orders with duplicates; whatever the order, the rows end in the state of the newest event.
     */
    @Test
    void anyArrivalOrderWithDuplicatesConvergesOnTheNewestEvent() {
        List<MetadataEvent> history = new ArrayList<>();
        Random shape = new Random(7);
        for (int i = 0; i < 12; i++) {
            Instant time = T0.plusSeconds(i / 3); // three events share each second: epoch and sequence decide
            // After a deletion the emitter has forgotten the connector: its next snapshot says CREATED.
            history.add(i % 5 == 4 ? deleted(time, i) : snapshot(time, EPOCH, i, "topic-" + shape.nextInt(3),
                    ConnectorState.values()[shape.nextInt(ConnectorState.values().length)], WORKER, null,
                    tasks(ConnectorState.RUNNING), i % 5 == 0 ? ChangeCause.CREATED : ChangeCause.RESYNC));
        }
        MetadataEvent newest = history.get(history.size() - 1);
        for (long seed = 0; seed < 300; seed++) {
            List<MetadataEvent> delivery = new ArrayList<>(history);
            delivery.addAll(history.subList(0, 4));
            Collections.shuffle(delivery, new Random(seed));

            ConnectorRow end = deliver(delivery);

            assertThat(end.stamp()).as("seed %d", seed).isEqualTo(EventStamp.of(newest));
            ConnectorSnapshot expected = (ConnectorSnapshot) newest.payload();
            assertThat(end.deleted()).as("seed %d", seed).isFalse();
            assertThat(end.connector().config()).as("seed %d", seed).isEqualTo(expected.config());
            assertThat(end.connector().state()).as("seed %d", seed).isEqualTo(expected.state().name());
        }
    }

    /** Applies events one by one to an in-memory row, carrying out each outcome as ConnectorRows would. */
    private static ConnectorRow deliver(List<MetadataEvent> events) {
        RowModel model = new RowModel();
        events.forEach(model::apply);
        return model.row();
    }
}
