package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.WorkerPluginList;
import io.connectusm.events.PluginDescriptor;

/** Grouping worker plugin lists per plugin and finding the workers whose set differs. */
class PluginOverviewTest {

    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    static final PluginDescriptor A = new PluginDescriptor("a.A", "source", "1.0");
    static final PluginDescriptor B = new PluginDescriptor("b.B", "sink", null);
    static final PluginDescriptor B2 = new PluginDescriptor("b.B", "sink", "2.0");

    private static WorkerPluginList worker(String id, PluginDescriptor... plugins) {
        return new WorkerPluginList(id, "3.9.0", List.of(plugins), T);
    }

    @Test
    void groupsByClassTypeAndVersionWithTheWorkersThatHaveEach() {
        PluginOverview o = PluginOverview.of(List.of(worker("w2", B, A), worker("w1", A, B2), worker("w3", A, B)));

        assertThat(o.workers()).extracting(WorkerPluginList::workerId).containsExactly("w1", "w2", "w3");
        assertThat(o.plugins()).extracting(PluginOverview.Plugin::descriptor).containsExactly(A, B, B2);
        assertThat(o.plugins().get(0).workerIds()).containsExactly("w1", "w2", "w3");
        assertThat(o.plugins().get(1).workerIds()).containsExactly("w2", "w3");
        assertThat(o.plugins().get(2).workerIds()).containsExactly("w1");
    }

    @Test
    void flagsOnlyTheWorkersThatDifferFromTheMostCommonSet() {
        PluginOverview o = PluginOverview.of(List.of(worker("w1", A, B2), worker("w2", A, B), worker("w3", A, B)));

        assertThat(o.deviations()).containsExactly(new PluginOverview.Deviation("w1", List.of(B), List.of(B2)));
        assertThat(o.differs("w1")).isTrue();
        assertThat(o.differs("w2")).isFalse();
    }

    @Test
    void identicalWorkersAndNoWorkersHaveNoDeviations() {
        assertThat(PluginOverview.of(List.of(worker("w1", A), worker("w2", A))).deviations()).isEmpty();
        PluginOverview none = PluginOverview.of(List.of());
        assertThat(none.plugins()).isEmpty();
        assertThat(none.deviations()).isEmpty();
    }

    @Test
    void onATieTheFirstWorkersSetIsTheReference() {
        PluginOverview o = PluginOverview.of(List.of(worker("w2", A, B), worker("w1", A)));

        assertThat(o.deviations()).containsExactly(new PluginOverview.Deviation("w2", List.of(), List.of(B)));
    }
}
