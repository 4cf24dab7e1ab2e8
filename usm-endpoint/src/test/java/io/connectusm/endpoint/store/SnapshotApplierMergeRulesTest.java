package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.store.Reports.A;
import static io.connectusm.endpoint.store.Reports.B;
import static io.connectusm.endpoint.store.Reports.T0;
import static io.connectusm.endpoint.store.Reports.task;
import static io.connectusm.events.ConnectorState.FAILED;
import static io.connectusm.events.ConnectorState.PAUSED;
import static io.connectusm.events.ConnectorState.RUNNING;
import static io.connectusm.events.ConnectorState.UNASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.SnapshotApplier.Delete;
import io.connectusm.endpoint.store.SnapshotApplier.Ignore;
import io.connectusm.endpoint.store.SnapshotApplier.LateChange;
import io.connectusm.endpoint.store.SnapshotApplier.MoveStamp;
import io.connectusm.endpoint.store.SnapshotApplier.Write;
import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * The merge rules between the workers of one Connect cluster, without a database: who is authoritative for which
 * fact, how a disagreement is recorded instead of flipping, and which snapshots may follow a deletion.
 */
class SnapshotApplierMergeRulesTest {

    private final Reports reports = new Reports();
    private final RowModel model = new RowModel();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The case: a restarted worker's view lacks a task the other worker runs, for many resyncs. */
    @Test
    void aStaleWorkersResyncsDoNotOverwriteTheTaskOwnersReportNorWriteHistory() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A),
                task(1, RUNNING, A)));
        for (int i = 1; i <= 6; i++) {
            Instant t = at(i * 150L);
            assertThat(model.apply(i % 2 == 1 ? reports.resync(B, t, A, task(1, RUNNING, A))
                    : reports.resync(A, t, A, task(0, RUNNING, A), task(1, RUNNING, A))))
                    .as("resync %d", i).isInstanceOf(MoveStamp.class);
        }

        assertThat(model.row().connector().tasks()).extracting(TaskSnapshot::id).containsExactly(0, 1);
        assertThat(model.history()).extracting(SnapshotApplier.Change::kind).containsExactly(HistoryKind.CREATED);
        assertThat(model.row().connector().disagreement()).isNotNull().satisfies(d -> {
            assertThat(d.since()).as("since B's first contrary report").isEqualTo(at(150));
            assertThat(d.workers()).containsExactly(A, B);
        });
    }

    @Test
    void aDisagreementEndsWhenTheDissentersReportAgreesAgain() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));
        model.apply(reports.resync(B, at(1), A));
        assertThat(model.row().connector().disagreement()).isNotNull();

        model.apply(reports.resync(B, at(2), A, task(0, RUNNING, A)));

        assertThat(model.row().connector().disagreement()).isNull();
    }

    @Test
    void theTaskOwnersOwnReportWinsAndIsRecorded() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));

        assertThat(model.apply(reports.resync(A, at(1), A, task(0, FAILED, A)))).isInstanceOfSatisfying(Write.class,
                w -> assertThat(w.change().kind()).isEqualTo(HistoryKind.TASKS_CHANGED));
        assertThat(model.apply(reports.resync(B, at(2), A, task(0, RUNNING, A))))
                .as("another worker's older view of A's task").isInstanceOf(MoveStamp.class);
        assertThat(model.row().connector().tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(FAILED));
    }

    @Test
    void theConnectorsOwnStateComesFromTheWorkerRunningIt() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));

        model.apply(reports.snapshot(B, at(1), "t", ConnectorState.UNASSIGNED, null, ChangeCause.RESYNC));
        assertThat(model.row().connector().state()).as("B's stale view of A's connector").isEqualTo("RUNNING");

        model.apply(reports.snapshot(A, at(2), "t", PAUSED, A, ChangeCause.STATE_CHANGED));
        assertThat(model.row().connector().state()).isEqualTo("PAUSED");
        assertThat(model.history()).extracting(SnapshotApplier.Change::kind)
                .containsExactly(HistoryKind.CREATED, HistoryKind.STATE_CHANGED);
    }

    @Test
    void aTaskThatMovesToAnotherWorkerIsTakenFromItsNewOwner() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));

        model.apply(reports.resync(B, at(1), A, task(0, RUNNING, B)));

        assertThat(model.row().connector().tasks()).singleElement()
                .satisfies(t -> assertThat(t.workerId()).isEqualTo(B));
        assertThat(model.row().connector().disagreement()).isNull();
    }

    @Test
    void anUnassignedClaimDoesNotTakeATaskFromItsOwnerButTheOwnerCanLetGo() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));

        model.apply(reports.resync(B, at(1), A, task(0, UNASSIGNED, B)));
        assertThat(model.row().connector().tasks()).singleElement()
                .satisfies(t -> assertThat(t.workerId()).isEqualTo(A));

        model.apply(reports.resync(A, at(2), A, task(0, UNASSIGNED, A)));
        assertThat(model.row().connector().tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(UNASSIGNED));
    }

    @Test
    void anAuthorityThatStopsReportingLosesItsLease() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));
        Instant withinLease = T0.plus(FactAuthority.LEASE).minusSeconds(1);

        model.apply(reports.resync(B, withinLease, A, task(0, UNASSIGNED, A)));
        assertThat(model.row().connector().tasks().get(0).state()).isEqualTo(RUNNING);

        model.apply(reports.resync(B, T0.plus(FactAuthority.LEASE), A, task(0, UNASSIGNED, A)));
        assertThat(model.row().connector().tasks().get(0).state()).as("A is gone").isEqualTo(UNASSIGNED);
    }

    @Test
    void anAuthoritysResyncRenewsItsLease() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));
        Duration resync = Duration.ofMinutes(5);
        for (int i = 1; i <= 4; i++) {
            model.apply(reports.resync(A, T0.plus(resync.multipliedBy(i)), A, task(0, RUNNING, A)));
            model.apply(reports.resync(B, T0.plus(resync.multipliedBy(i)).plusSeconds(1), A));
        }
        assertThat(model.row().connector().tasks()).hasSize(1);
    }

    @Test
    void aChangedConfigIsTakenWholeFromWhoeverReportsIt() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A),
                task(1, RUNNING, A)));

        model.apply(reports.snapshot(B, at(1), "u", RUNNING, A, ChangeCause.CONFIG_UPDATED, task(0, RUNNING, A)));

        assertThat(model.row().connector().tasks()).extracting(TaskSnapshot::id).containsExactly(0);
        assertThat(model.history()).extracting(SnapshotApplier.Change::kind)
                .containsExactly(HistoryKind.CREATED, HistoryKind.CONFIG_UPDATED);
    }

    /** The case: deleted through A, then reported by B, whose herder still listed it. */
    @Test
    void aStaleSnapshotAfterADeletionDoesNotResurrectTheConnector() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.deleted(A, at(10)));

        assertThat(model.apply(reports.resync(B, at(11), A))).isInstanceOf(MoveStamp.class);
        assertThat(model.apply(reports.snapshot(B, at(12), "t", RUNNING, A, ChangeCause.CREATED)))
                .as("a CREATED from a worker that never reported the deletion, right after it")
                .isInstanceOf(MoveStamp.class);
        assertThat(model.live()).isFalse();
        assertThat(model.history()).extracting(SnapshotApplier.Change::kind)
                .containsExactly(HistoryKind.CREATED, HistoryKind.DELETED);
    }

    @Test
    void aGenuineReCreateRevivesTheConnector() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.deleted(A, at(10)));

        assertThat(model.apply(reports.snapshot(A, at(11), "t", RUNNING, A, ChangeCause.CREATED)))
                .as("CREATED by the worker that saw the deletion").isInstanceOf(Write.class);
        model.apply(reports.deleted(B, at(20)));
        assertThat(model.apply(reports.snapshot(A, at(21), "new-topic", RUNNING, A, ChangeCause.RESYNC)))
                .as("a config the deleted connector never had").isInstanceOf(Write.class);
        model.apply(reports.deleted(A, at(30)));
        assertThat(model.apply(reports.snapshot(B, at(30).plus(SnapshotApplier.REVIVE_SETTLE), "t", RUNNING, A,
                ChangeCause.CREATED))).as("CREATED long after the deletion").isInstanceOf(Write.class);
    }

    @Test
    void aDeletionWinsOverAStaleReportThatArrivedFirst() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.resync(B, at(11), A)); // B still lists it, its report reaches the endpoint first

        assertThat(model.apply(reports.deleted(A, at(10)))).isInstanceOf(Delete.class);
        assertThat(model.live()).isFalse();
        assertThat(model.apply(reports.resync(B, at(11), A))).as("B's next stale report")
                .isNotInstanceOf(Write.class);
        assertThat(model.live()).isFalse();
    }

    @Test
    void aDeletionOlderThanAReCreateIsIgnored() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.snapshot(B, at(12), "t", RUNNING, A, ChangeCause.CREATED)); // re-created, delete lost

        assertThat(model.apply(reports.deleted(A, at(10)))).isInstanceOf(Ignore.class);
        assertThat(model.live()).isTrue();
    }

    @Test
    void aWorkersOwnLaterReportSupersedesItsEarlierDeletion() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.resync(A, at(11), A));

        assertThat(model.apply(reports.deleted(A, at(10)))).isInstanceOf(Ignore.class);
    }

    /**
     * Issue #12 item 3: a pause made through A reaches the endpoint after B's newer deletion (both were queued while
     * the agent hung). It must not bring the connector back, but Connect held that state: it is in the history, at
     * its own time, before the deletion, with who paused it.
     */
    @Test
    void aStateChangeOlderThanADeletionIsRecordedAtItsTimeWithoutReviving() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.deleted(B, at(3)));
        ChangeActor alice = new ChangeActor("alice", "10.1.2.3", null, "curl/8.5", "PUT /connectors/src/pause", false);

        assertThat(model.apply(reports.withActor(reports.snapshot(A, at(2), "t", PAUSED, A,
                ChangeCause.STATE_CHANGED), alice))).isInstanceOf(LateChange.class);

        assertThat(model.live()).isFalse();
        assertThat(model.entries()).extracting(HistoryEntry::kind, HistoryEntry::state, HistoryEntry::time)
                .containsExactly(tuple(HistoryKind.CREATED, "RUNNING", at(0)),
                        tuple(HistoryKind.STATE_CHANGED, "PAUSED", at(2)), tuple(HistoryKind.DELETED, null, at(3)));
        assertThat(model.entries().get(1).actor()).isEqualTo(alice);
    }

    @Test
    void aLateStateChangeDeliveredAgainIsRecordedOnce() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.deleted(B, at(3)));
        MetadataEvent pause = reports.snapshot(A, at(2), "t", PAUSED, A, ChangeCause.STATE_CHANGED);

        model.apply(pause);
        model.apply(pause);

        assertThat(model.history()).extracting(SnapshotApplier.Change::kind)
                .containsExactly(HistoryKind.CREATED, HistoryKind.STATE_CHANGED, HistoryKind.DELETED);
    }

    /**
     * A non-owner's report of a change, arriving after the owner's newer report: in the history, not the state; and
     * since the history then ends with it, the stored state follows it, at the row's stamp.
     */
    @Test
    void aStaleWorkersLateStateChangeIsRecordedButNotApplied() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.snapshot(A, at(5), "t", RUNNING, A, ChangeCause.RESYNC));

        assertThat(model.apply(reports.snapshot(B, at(3), "t", PAUSED, A, ChangeCause.STATE_CHANGED)))
                .isInstanceOf(LateChange.class);

        assertThat(model.row().connector().state()).isEqualTo("RUNNING");
        assertThat(model.entries()).extracting(HistoryEntry::kind, HistoryEntry::state, HistoryEntry::time)
                .containsExactly(tuple(HistoryKind.CREATED, "RUNNING", at(0)),
                        tuple(HistoryKind.STATE_CHANGED, "PAUSED", at(3)),
                        tuple(HistoryKind.STATE_CHANGED, "RUNNING", at(5)));
    }

    /** A late report of the state the history says both before and after its time adds nothing. */
    @Test
    void aLateStateChangeTheHistoryAlreadySaysAroundItIsNotRecorded() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));
        model.apply(reports.snapshot(A, at(2), "t", PAUSED, A, ChangeCause.STATE_CHANGED, task(0, PAUSED, A)));
        model.apply(reports.snapshot(A, at(4), "t", PAUSED, A, ChangeCause.TASKS_CHANGED, task(0, FAILED, A)));

        assertThat(model.apply(reports.snapshot(B, at(3), "t", PAUSED, A, ChangeCause.STATE_CHANGED,
                task(0, PAUSED, A)))).isInstanceOf(LateChange.class);

        assertThat(model.history()).extracting(SnapshotApplier.Change::kind).containsExactly(HistoryKind.CREATED,
                HistoryKind.STATE_CHANGED, HistoryKind.TASKS_CHANGED);
    }

    /**
     * What is not a change Connect made while the connector lived is not recorded late: a periodic view, a report
     * newer than the deletion (a stale worker's; it only moves the tombstone's stamp), and a report from before the
     * connector's first known entry or from between a deletion and a re-create.
     */
    @Test
    void onlyObservedChangesWhileTheConnectorLivedAreRecordedLate() {
        model.apply(reports.snapshot(A, at(10), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.deleted(B, at(20)));
        model.apply(reports.snapshot(B, at(100), "t", RUNNING, A, ChangeCause.CREATED));
        model.apply(reports.snapshot(A, at(120), "t", RUNNING, A, ChangeCause.RESYNC));

        assertThat(model.apply(reports.snapshot(A, at(15), "t", PAUSED, A, ChangeCause.RESYNC)))
                .isInstanceOf(Ignore.class);
        model.apply(reports.snapshot(A, at(5), "t", PAUSED, A, ChangeCause.STATE_CHANGED));
        model.apply(reports.snapshot(A, at(50), "t", PAUSED, A, ChangeCause.STATE_CHANGED));

        assertThat(model.history()).extracting(SnapshotApplier.Change::kind).containsExactly(HistoryKind.CREATED,
                HistoryKind.DELETED, HistoryKind.CREATED);

        model.apply(reports.deleted(A, at(130)));
        assertThat(model.apply(reports.snapshot(B, at(131), "t", PAUSED, A, ChangeCause.STATE_CHANGED)))
                .as("newer than the deletion: a stale worker's view").isInstanceOf(MoveStamp.class);
        assertThat(model.history()).hasSize(4);
    }

    /**
     * Found by ModelBasedPipelineIT: the agent forwards one state once per connector, so after B reported the pause
     * it saw happen, A's report of the same state never arrives; B's observed change must stand.
     */
    @Test
    void anotherWorkersObservedChangeIsTakenSinceTheOwnersSameReportMayNeverArrive() {
        model.apply(reports.snapshot(A, at(0), "t", RUNNING, A, ChangeCause.CREATED, task(0, RUNNING, A)));

        assertThat(model.apply(reports.snapshot(B, at(1), "t", PAUSED, A, ChangeCause.STATE_CHANGED,
                task(0, PAUSED, A)))).isInstanceOf(Write.class);

        assertThat(model.row().connector().state()).isEqualTo("PAUSED");
        assertThat(model.row().connector().tasks().get(0).state()).isEqualTo(PAUSED);
        assertThat(model.row().connector().disagreement()).isNull();
    }
}
