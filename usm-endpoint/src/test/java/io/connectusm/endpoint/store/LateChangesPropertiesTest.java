package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.store.Reports.A;
import static io.connectusm.endpoint.store.Reports.B;
import static io.connectusm.endpoint.store.Reports.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;

/**
 * Generated to break the late-change rule (issue #12 item 3): a connector is created, goes through state changes
 * each reported by a random worker (A runs it), and is deleted, maybe; one of the changes reaches the endpoint late,
 * after any number of the later events (one worker's report held up by a hung agent). Whatever the delay, the
 * connector ends deleted (or in the last state), the late state is in the history at its own time, the deletion is
 * the last entry, and when the late change was the connector's last one the history names every state it went
 * through, in order. (When it was not, a later report that brought the state back to what was stored then wrote no
 * entry, and the history may lack that return: see docs/usm-endpoint.md, "Late changes".)
 */
class LateChangesPropertiesTest {

    private static final ConnectorState[] STATES = {ConnectorState.RUNNING, ConnectorState.PAUSED,
        ConnectorState.STOPPED, ConnectorState.FAILED};

    @Provide
    Arbitrary<List<ConnectorState>> changes() {
        return Arbitraries.of(STATES).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 500)
    void aLateStateIsInTheHistoryAtItsTimeAndTheDeletionStaysLast(
            @ForAll("changes") List<ConnectorState> drawn, @ForAll boolean deleted,
            @ForAll("workers") List<String> reporters, @ForAll @IntRange(max = 20) int late,
            @ForAll @IntRange(max = 20) int delay) {
        Reports reports = new Reports();
        // The true sequence: RUNNING, then each drawn state that differs from the one before it.
        List<ConnectorState> held = new ArrayList<>(List.of(ConnectorState.RUNNING));
        drawn.stream().filter(st -> st != held.get(held.size() - 1)).forEach(held::add);
        MetadataEvent create = reports.snapshot(A, T0, "t", ConnectorState.RUNNING, A, ChangeCause.CREATED);
        List<MetadataEvent> later = new ArrayList<>();
        for (int i = 1; i < held.size(); i++) {
            String reporter = reporters.get(i % reporters.size());
            later.add(reports.snapshot(reporter, T0.plusSeconds(i), "t", held.get(i), A, ChangeCause.STATE_CHANGED));
        }
        if (deleted) {
            later.add(reports.deleted(reporters.get(0), T0.plusSeconds(held.size())));
        }
        int changes = held.size() - 1;
        if (changes == 0) {
            return;
        }
        int k = late % changes;
        MetadataEvent delayed = later.remove(k);
        later.add(Math.min(later.size(), k + delay), delayed);

        RowModel model = new RowModel();
        model.apply(create);
        later.forEach(model::apply);

        List<HistoryEntry> entries = model.entries();
        assertThat(entries).as("arrival order %s", later).anySatisfy(e -> {
            assertThat(e.time()).isEqualTo(T0.plusSeconds(k + 1));
            assertThat(e.state()).isEqualTo(held.get(k + 1).name());
        });
        assertThat(model.live()).isEqualTo(!deleted);
        if (deleted) {
            assertThat(entries.get(entries.size() - 1).kind()).isEqualTo(HistoryKind.DELETED);
            assertThat(entries).filteredOn(e -> e.kind() == HistoryKind.DELETED).hasSize(1);
        } else {
            assertThat(model.row().connector().state()).isEqualTo(held.get(held.size() - 1).name());
        }
        if (k == changes - 1) {
            List<String> expected = new ArrayList<>(held.stream().map(Enum::name).toList());
            if (deleted) {
                expected.add(null);
            }
            assertThat(collapse(entries.stream().map(HistoryEntry::state).toList())).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<String>> workers() {
        return Arbitraries.of(A, B).list().ofMinSize(1).ofMaxSize(4);
    }

    /**
     * The history's states with repeats of one state in a row merged: an entry written for a change of tasks
     * or config, or the stored state recorded after a late one, may repeat a state; no state may be missing.
     */
    private static List<String> collapse(List<String> states) {
        List<String> out = new ArrayList<>();
        for (String st : states) {
            if (out.isEmpty() || !Objects.equals(out.get(out.size() - 1), st)) {
                out.add(st);
            }
        }
        return out;
    }
}
