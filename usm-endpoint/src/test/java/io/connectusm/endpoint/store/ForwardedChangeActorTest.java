package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forwarded-change race on a real database: alice stops (then deletes) connector {@code src} through worker B,
 * which forwards the call to the leader A. A reports it with her principal only (forwarded), B with her address;
 * a third worker's report without an actor may come first. Whichever arrives first, and whether the direct report is
 * older or newer than the row, the history ends with alice and her address on every entry of the call, and never
 * more entries than one report alone writes.
 */
@EachDatabase
class ForwardedChangeActorTest {

    static final TestDatabase databases = new TestDatabase();
    static final String C = "worker-c:8083";
    static final ChangeActor LEADER_STOP = new ChangeActor("alice", null, null, null, "PUT /connectors/src/stop", true);
    static final ChangeActor ALICE_STOP = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0",
            "PUT /connectors/src/stop", false);
    static final ChangeActor LEADER_DELETE = new ChangeActor("alice", null, null, null, "DELETE /connectors/src", true);
    static final ChangeActor ALICE_DELETE = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0",
            "DELETE /connectors/src", false);

    final Reports reports = new Reports();
    Database database;
    String cc;
    ConnectorStore store;

    @BeforeEach
    void open() throws Exception {
        database = databases.open();
        store = new ConnectorStore(database);
        cc = ConnectorStoreTest.registerConnect1(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void apply(MetadataEvent... events) {
        for (MetadataEvent event : events) {
            store.apply(Map.of(cc, List.of(event))); // one batch each: the agent forwards them as they come
        }
    }

    private MetadataEvent stopped(String reporter, Instant time, ChangeActor actor) {
        MetadataEvent e = reports.snapshot(reporter, time, "t", ConnectorState.STOPPED, Reports.A,
                ChangeCause.STATE_CHANGED);
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(), e.subject(),
                ((ConnectorSnapshot) e.payload()).withActor(actor));
    }

    private MetadataEvent deleted(String reporter, Instant time, ChangeActor actor) {
        MetadataEvent e = reports.deleted(reporter, time);
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(), e.subject(),
                new ConnectorDeleted(Reports.NAME, actor));
    }

    /** 0: leader first, direct newer; 1: direct first; 2: leader first, direct older; 3: a worker without actor first. */
    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void theHistoryKeepsAlicesAddressWhicheverReportOfTheForwardedCallCameFirst(int order) {
        Instant t = Reports.T0;
        apply(reports.snapshot(Reports.A, t, "t", ConnectorState.RUNNING, Reports.A, ChangeCause.CREATED,
                Reports.task(0, ConnectorState.RUNNING, Reports.A)));
        MetadataEvent leader = stopped(Reports.A, t.plusSeconds(2), LEADER_STOP);
        MetadataEvent direct = stopped(Reports.B, order == 2 ? t.plusMillis(1500) : t.plusSeconds(3), ALICE_STOP);
        MetadataEvent bystander = stopped(C, t.plusMillis(1900), null);
        switch (order) {
            case 1 -> apply(direct, leader);
            case 3 -> apply(bystander, leader, direct);
            default -> apply(leader, direct);
        }
        MetadataEvent leaderDeletes = deleted(Reports.A, t.plusSeconds(10), LEADER_DELETE);
        MetadataEvent aliceDeletes = deleted(Reports.B, t.plusMillis(10_100), ALICE_DELETE);
        MetadataEvent topicTombstone = deleted(C, t.plusMillis(10_050), null);
        switch (order) {
            case 1 -> apply(aliceDeletes, topicTombstone, leaderDeletes);
            case 3 -> apply(topicTombstone, leaderDeletes, aliceDeletes);
            default -> apply(leaderDeletes, topicTombstone, aliceDeletes);
        }

        List<HistoryEntry> history = store.history(cc, Reports.NAME);
        assertThat(history).extracting(HistoryEntry::describe).containsExactly(
                "deleted by alice from 10.1.2.3 (curl/8.5.0)",
                "stopped by alice from 10.1.2.3 (curl/8.5.0)",
                "created, found by reconcile");
        assertThat(history.get(0).actor()).isEqualTo(ALICE_DELETE);
    }
}
