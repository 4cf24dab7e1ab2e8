package io.connectusm.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-(key, worker) deduplication rule, without a store. */
class SameStateTest {

    private static final String D1 = "d1";
    private static final String D2 = "d2";

    @Test
    void aStateIsNewToEachWorkerUntilItReportsIt() {
        SameState same = new SameState();
        assertThat(same.isDuplicate(D1, "a")).isFalse();
        same.stored(D1, "a", 1);

        assertThat(same.isDuplicate(D1, "a")).isTrue();
        assertThat(same.isDuplicate(D1, "b")).isFalse();
        same.stored(D1, "b", 2);
        assertThat(same.isDuplicate(D1, "b")).isTrue();
    }

    @Test
    void aNewStateResetsWhoReportedTheLastOne() {
        SameState same = new SameState();
        same.stored(D1, "a", 1);
        same.stored(D1, "b", 2);
        same.stored(D2, "b", 3);

        assertThat(same.isDuplicate(D1, "a")).as("D1 is no longer the last state").isFalse();
        assertThat(same.isDuplicate(D2, "a")).isFalse();
        assertThat(same.isDuplicate(D2, "b")).isTrue();
    }

    @Test
    void aStateSkippedInItsBatchIsTheLastButNobodysReport() {
        SameState same = new SameState();
        same.stored(D1, "a", 1);
        same.skipped(D2);

        assertThat(same.digest()).isEqualTo(D2);
        assertThat(same.isDuplicate(D2, "a")).isFalse();
    }

    @Test
    void aCoalescedEntryForgetsItsWorkerOnly() {
        SameState same = new SameState();
        same.stored(D1, "a", 1);
        same.stored(D1, "b", 2);
        same.removed(1);

        assertThat(same.isDuplicate(D1, "a")).isFalse();
        assertThat(same.isDuplicate(D1, "b")).isTrue();
    }

    @Test
    void theForwardedWorkersRoundTripAndABareDigestHasNone() {
        SameState same = new SameState();
        same.stored(D1, "worker 1:8083/é", 1);
        same.stored(D1, "b", 2);
        same.allForwarded();

        SameState back = SameState.decodeForwarded(same.encodeForwarded());
        assertThat(back.digest()).isEqualTo(D1);
        assertThat(back.isDuplicate(D1, "worker 1:8083/é")).isTrue();
        assertThat(back.isDuplicate(D1, "b")).isTrue();
        assertThat(back.isDuplicate(D1, "c")).isFalse();

        SameState legacy = SameState.decodeForwarded(D1);
        assertThat(legacy.digest()).isEqualTo(D1);
        assertThat(legacy.isDuplicate(D1, "a")).isFalse();
    }

    @Test
    void onlyForwardedWorkersAreKeptAcrossARestart() {
        SameState same = new SameState();
        same.stored(D1, "a", 1);
        same.allForwarded();
        same.stored(D1, "b", 7);

        SameState back = SameState.decodeForwarded(same.encodeForwarded());
        assertThat(back.isDuplicate(D1, "a")).isTrue();
        assertThat(back.isDuplicate(D1, "b")).as("still pending: its entry is reloaded with the spool").isFalse();
    }

    @Test
    void remembersABoundedNumberOfWorkers() {
        SameState same = new SameState();
        for (int i = 0; i <= SameState.MAX_WORKERS; i++) {
            same.stored(D1, "w" + i, i + 1);
        }
        assertThat(same.isDuplicate(D1, "w0")).isFalse();
        assertThat(same.isDuplicate(D1, "w" + SameState.MAX_WORKERS)).isTrue();
    }
}
