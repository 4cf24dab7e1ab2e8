package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.store.Reports.A;
import static io.connectusm.endpoint.store.Reports.B;
import static io.connectusm.endpoint.store.Reports.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.connectusm.endpoint.store.SnapshotApplier.Write;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * Generated to break the authority rule: worker A runs the connector and its tasks and reports its view at least
 * every resync; worker B, in between, reports any stale view of them (tasks missing, in other states). Whatever B
 * says, after each of A's reports the stored state is A's view, and the history has one entry per change of A's
 * view and none for B's reports.
 */
class SnapshotApplierMergePropertiesTest {

    private static final ConnectorState[] STATES = {ConnectorState.RUNNING, ConnectorState.PAUSED,
            ConnectorState.FAILED, ConnectorState.UNASSIGNED};

    /** One round: A's view (a state per task 0..n-1), then B's stale views (null: the task missing). */
    record Round(List<ConnectorState> ownerView, List<List<ConnectorState>> staleViews) {
    }

    @Provide
    Arbitrary<List<Round>> rounds() {
        Arbitrary<ConnectorState> state = Arbitraries.of(STATES);
        Arbitrary<List<ConnectorState>> owner = state.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<ConnectorState>> stale = state.injectNull(0.4).list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(owner, stale.list().ofMaxSize(3)).as(Round::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void aStaleWorkerNeverOverwritesTheOwnerNorWritesHistory(@ForAll("rounds") List<Round> rounds) {
        Reports reports = new Reports();
        RowModel model = new RowModel();
        List<TaskSnapshot> previous = null;
        int changes = 0;
        long seconds = 0;
        for (Round round : rounds) {
            List<TaskSnapshot> view = tasks(round.ownerView(), round.ownerView().size());
            changes += previous == null || !previous.equals(view) ? 1 : 0;
            previous = view;
            model.apply(reports.resync(A, at(seconds), A, view.toArray(TaskSnapshot[]::new)));
            seconds += 1;
            assertThat(model.row().connector().tasks()).isEqualTo(view);
            for (List<ConnectorState> stale : round.staleViews()) {
                // B's view of A's tasks: some missing, some in other states, never more tasks than A has
                List<TaskSnapshot> staleTasks = tasks(stale, round.ownerView().size());
                assertThat(model.apply(reports.resync(B, at(seconds), A, staleTasks.toArray(TaskSnapshot[]::new))))
                        .isNotInstanceOf(Write.class);
                seconds += 60; // within a resync interval, so within A's lease
                assertThat(model.row().connector().tasks()).isEqualTo(view);
            }
            seconds += 240;
        }
        assertThat(model.history()).hasSize(changes);
        assertThat(model.history().get(0).kind()).isEqualTo(HistoryKind.CREATED);
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<TaskSnapshot> tasks(List<ConnectorState> states, int max) {
        List<TaskSnapshot> out = new ArrayList<>();
        for (int id = 0; id < Math.min(states.size(), max); id++) {
            if (states.get(id) != null) {
                out.add(Reports.task(id, states.get(id), A));
            }
        }
        return out;
    }
}
