package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.deleted;
import static io.connectusm.endpoint.TestEvents.inventory;
import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;

/** Idempotent, order-insensitive application of events to a real database, on H2 and on PostgreSQL. */
@EachDatabase
class ConnectorStoreTest {

    static final ClusterRef REF = new ClusterRef("kafka-1", "connect-1");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static final TestDatabase databases = new TestDatabase();

    Database database;
    ConnectorStore store;
    String cc;

    @BeforeEach
    void open() throws Exception {
        database = databases.open();
        cc = registerConnect1(database);
        store = new ConnectorStore(database);
    }

    /** Registers Kafka cluster {@code kafka-1} and Connect cluster {@code connect-1} of it; the {@code usmcc-} ID. */
    static String registerConnect1(Database database) {
        RegistrationStore registrations = new RegistrationStore(database, new IdGenerator());
        registrations.createKafkaCluster("env-1", "kafka-1", "k", Cloud.AWS, "us-east-1");
        return registrations.createConnectCluster("env-1", "connect-1", "kafka-1", null, null, null).id();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void apply(MetadataEvent... events) {
        store.apply(Map.of(cc, List.of(events)));
    }

    private static Map<String, String> config(String topic) {
        return Map.of("connector.class", "FileSource", "topic", topic, "db.password", "hunter2");
    }

    private static MetadataEvent withActor(MetadataEvent e, ChangeActor actor) {
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(),
                ((ConnectorSnapshot) e.payload()).withActor(actor));
    }

    private static MetadataEvent observed(MetadataEvent e) {
        ConnectorSnapshot s = (ConnectorSnapshot) e.payload();
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(), e.subject(),
                s.toBuilder().cause(ChangeCause.STATE_CHANGED).build());
    }

    /**
     * Issue #12 item 3 on a real database: a REST pause that arrives after the newer deletion is listed at its time,
     * between the create and the delete, on every page size, once however often it arrives; the connector stays
     * deleted.
     */
    @Test
    void aLatePauseIsListedAtItsTimeBeforeTheDeletion() {
        ChangeActor alice = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5", "PUT /connectors/src/pause", false);
        MetadataEvent pause = withActor(observed(snapshot(REF, "src", T0.plusSeconds(2), 2, ConnectorState.PAUSED, 1,
                config("a"), Set.of("db.password"))), alice);
        apply(snapshot(REF, "src", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")),
                deleted(REF, "src", T0.plusSeconds(3), 3));

        apply(pause);
        apply(pause);

        assertThat(store.get(cc, "src")).isEmpty();
        List<HistoryEntry> history = store.history(cc, "src");
        assertThat(history).extracting(HistoryEntry::kind).containsExactly(HistoryKind.DELETED,
                HistoryKind.STATE_CHANGED, HistoryKind.CREATED);
        assertThat(history.get(1).time()).isEqualTo(T0.plusSeconds(2));
        assertThat(history.get(1).actor()).isEqualTo(alice);
        List<HistoryKind> paged = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            Page<HistoryEntry> page = store.historyPage(cc, "src", before, 1);
            page.items().forEach(e -> paged.add(e.kind()));
            if (page.nextAfter() == null) {
                break;
            }
            before = Long.parseLong(page.nextAfter());
        }
        assertThat(paged).containsExactly(HistoryKind.DELETED, HistoryKind.STATE_CHANGED, HistoryKind.CREATED);
    }

    @Test
    void historyKeepsWhoMadeEachChangeAndSaysWhenNoRestCallDid() {
        ChangeActor alice = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5", "PUT /connectors/src/pause", false);
        ChangeActor forwarded = new ChangeActor("alice", null, null, null, "PUT /connectors/src/stop", true);
        apply(snapshot(REF, "src", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")),
                withActor(snapshot(REF, "src", T0.plusSeconds(1), 1, ConnectorState.PAUSED, 1, config("a"),
                        Set.of("db.password")), alice),
                snapshot(REF, "src", T0.plusSeconds(2), 2, ConnectorState.FAILED, 1, config("a"),
                        Set.of("db.password")),
                withActor(snapshot(REF, "src", T0.plusSeconds(3), 3, ConnectorState.STOPPED, 1, config("a"),
                        Set.of("db.password")), forwarded));

        List<HistoryEntry> history = store.history(cc, "src");
        assertThat(history).extracting(HistoryEntry::actor).containsExactly(forwarded, null, alice, null);
        assertThat(history).extracting(HistoryEntry::describe).containsExactly(
                "stopped by alice (forwarded to the leader by another worker)",
                "connector failure, found by reconcile",
                "paused by alice from 10.1.2.3 (curl/8.5)",
                "created, found by reconcile");
    }

    @Test
    void duplicatesAreNoOps() {
        MetadataEvent created = snapshot(REF, "src", T0, 0, ConnectorState.RUNNING, 2, config("a"), Set.of("db.password"));

        apply(created, created);
        apply(created);

        assertThat(store.list(cc)).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo("RUNNING");
            assertThat(c.tasksRunning()).isEqualTo(2);
        });
        assertThat(store.history(cc, "src")).hasSize(1);
    }

    @Test
    void newestEventWinsWhateverTheArrivalOrder() {
        List<MetadataEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(snapshot(REF, "src", T0.plusSeconds(i), i, ConnectorState.RUNNING, 1, config("topic-" + i),
                    Set.of("db.password")));
        }
        Collections.shuffle(events, new Random(42));

        for (MetadataEvent event : events) {
            apply(event);
        }

        assertThat(store.get(cc, "src")).get().satisfies(c -> assertThat(c.config()).containsEntry("topic", "topic-9"));
    }

    @Test
    void sameFingerprintAndStateWritesNoHistoryButARealChangeRecordsTheMaskedDiff() {
        apply(snapshot(REF, "src", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
        apply(snapshot(REF, "src", T0.plusSeconds(1), 1, ConnectorState.RUNNING, 1, config("a"), Set.of("db.password")));
        apply(snapshot(REF, "src", T0.plusSeconds(2), 2, ConnectorState.RUNNING, 1, config("b"), Set.of("db.password")));
        apply(snapshot(REF, "src", T0.plusSeconds(3), 3, ConnectorState.FAILED, 1, config("b"), Set.of("db.password")));

        List<HistoryEntry> history = store.history(cc, "src");
        assertThat(history).extracting(HistoryEntry::kind)
                .containsExactly(HistoryKind.STATE_CHANGED, HistoryKind.CONFIG_UPDATED, HistoryKind.CREATED);
        assertThat(history.get(1).diff()).containsExactly(
                new ConfigDiff.Change("topic", ConfigDiff.Kind.CHANGED, "a", "b"));
        assertThat(history.get(2).diff()).extracting(ConfigDiff.Change::key)
                .containsExactly("connector.class", "db.password", "topic");
        assertThat(history.toString()).doesNotContain("hunter2");
        assertThat(store.get(cc, "src").get().tracePresent()).isTrue();
    }

    @Test
    void deletionIsATombstoneThatALateOlderSnapshotCannotUndo() {
        apply(snapshot(REF, "src", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of()));
        apply(deleted(REF, "src", T0.plusSeconds(5), 5));
        apply(snapshot(REF, "src", T0.plusSeconds(2), 2, ConnectorState.RUNNING, 1, config("late"), Set.of()));

        assertThat(store.list(cc)).isEmpty();
        assertThat(store.history(cc, "src")).extracting(HistoryEntry::kind)
                .containsExactly(HistoryKind.DELETED, HistoryKind.CREATED);

        apply(snapshot(REF, "src", T0.plusSeconds(9), 9, ConnectorState.RUNNING, 1, config("again"), Set.of()));
        assertThat(store.get(cc, "src")).get().satisfies(c -> assertThat(c.config()).containsEntry("topic", "again"));
    }

    @Test
    void aNewerInventoryDeletesConnectorsItNoLongerLists() {
        apply(snapshot(REF, "keep", T0, 0, ConnectorState.RUNNING, 1, config("a"), Set.of()),
                snapshot(REF, "gone", T0, 1, ConnectorState.RUNNING, 1, config("a"), Set.of()));
        apply(inventory(REF, T0.minusSeconds(10), 2, Map.of("keep", io.connectusm.events.ConfigFingerprint.of(config("a"))))); // older: ignored

        assertThat(store.list(cc)).extracting(StoredConnector::name).containsExactly("gone", "keep");

        apply(inventory(REF, T0.plusSeconds(10), 3, Map.of("keep", io.connectusm.events.ConfigFingerprint.of(config("a")))));

        assertThat(store.list(cc)).extracting(StoredConnector::name).containsExactly("keep");
    }

    /** The merge state round-trips through the database: the owner's facts hold, the disagreement reads back. */
    @Test
    void aWorkersDisagreementIsStoredAndItsDeletedConnectorStaysDeleted() {
        Reports reports = new Reports();
        store.apply(Map.of(cc, List.of(reports.snapshot(Reports.A, T0, "t", ConnectorState.RUNNING, Reports.A,
                io.connectusm.events.ChangeCause.CREATED, Reports.task(0, ConnectorState.RUNNING, Reports.A)))));
        store.apply(Map.of(cc, List.of(reports.resync(Reports.B, T0.plusSeconds(300), Reports.A))));
        store.apply(Map.of(cc, List.of(reports.resync(Reports.A, T0.plusSeconds(301), Reports.A,
                Reports.task(0, ConnectorState.RUNNING, Reports.A)))));
        store.apply(Map.of(cc, List.of(reports.resync(Reports.B, T0.plusSeconds(600), Reports.A))));

        assertThat(store.get(cc, Reports.NAME)).get().satisfies(c -> {
            assertThat(c.tasks()).hasSize(1);
            assertThat(c.disagreement()).isEqualTo(new Disagreement(T0.plusSeconds(300),
                    new java.util.TreeSet<>(Set.of(Reports.A, Reports.B))));
        });
        assertThat(store.history(cc, Reports.NAME)).extracting(HistoryEntry::kind).containsExactly(HistoryKind.CREATED);

        store.apply(Map.of(cc, List.of(reports.deleted(Reports.A, T0.plusSeconds(700)))));
        store.apply(Map.of(cc, List.of(reports.resync(Reports.B, T0.plusSeconds(701), Reports.A))));
        assertThat(store.get(cc, Reports.NAME)).as("B's stale view after the deletion").isEmpty();
    }
}
