package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ResyncSlicesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration PASS = Duration.ofSeconds(3);
    private static final Duration RESYNC = Duration.ofHours(1);

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("connector-" + i);
        }
        return names;
    }

    /** Runs passes every 3 s for {@code duration}; returns how often each name was resynced and when. */
    private static Map<String, List<Instant>> run(ResyncSlices slices, List<String> names, Duration duration) {
        Map<String, List<Instant>> resynced = new HashMap<>();
        for (Instant now = T0.plus(PASS); !now.isAfter(T0.plus(duration)); now = now.plus(PASS)) {
            int index = slices.due(now, names.size());
            if (index == ResyncSlices.NONE) {
                continue;
            }
            Predicate<String> slice = slices.slice(index);
            for (String name : names) {
                if (slice.test(name)) {
                    resynced.computeIfAbsent(name, n -> new ArrayList<>()).add(now);
                }
            }
        }
        return resynced;
    }

    @Test
    void everyConnectorIsResyncedExactlyOncePerInterval() {
        List<String> names = names(5_000);
        ResyncSlices slices = new ResyncSlices(PASS, RESYNC);
        slices.start(T0, names.size());
        Map<String, List<Instant>> resynced = run(slices, names, RESYNC.multipliedBy(3));
        assertThat(resynced).hasSize(names.size());
        assertThat(resynced.values()).allMatch(times -> times.size() == 3);
        // Each connector about one interval after the last time (within one slice's spacing).
        assertThat(resynced.values()).allMatch(times -> Duration.between(times.get(0), times.get(1))
                .minus(RESYNC).abs().compareTo(RESYNC.dividedBy(slices.slices()).plus(PASS)) <= 0);
    }

    @Test
    void aSliceHoldsAFewHundredConnectorsAndTheSlicesAreSpreadOverTheInterval() {
        List<String> names = names(5_000);
        ResyncSlices slices = new ResyncSlices(PASS, RESYNC);
        slices.start(T0, names.size());
        assertThat(slices.slices()).isEqualTo(20);
        List<Instant> due = new ArrayList<>();
        for (Instant now = T0.plus(PASS); now.isBefore(T0.plus(RESYNC).plus(PASS)); now = now.plus(PASS)) {
            if (slices.due(now, names.size()) != ResyncSlices.NONE) {
                due.add(now);
            }
        }
        assertThat(due).hasSize(20);
        for (int i = 1; i < due.size(); i++) {
            assertThat(Duration.between(due.get(i - 1), due.get(i))).isBetween(Duration.ofMinutes(3).minus(PASS),
                    Duration.ofMinutes(3).plus(PASS));
        }
    }

    @Test
    void fewConnectorsAreResyncedTogetherOnceAnInterval() {
        ResyncSlices slices = new ResyncSlices(PASS, RESYNC);
        slices.start(T0, 40);
        assertThat(slices.slices()).isEqualTo(1);
        assertThat(slices.due(T0.plus(RESYNC).minusSeconds(1), 40)).isEqualTo(ResyncSlices.NONE);
        assertThat(slices.due(T0.plus(RESYNC), 40)).isZero();
        assertThat(slices.endsCycle(0)).isTrue();
    }

    @Test
    void noMoreSlicesThanPassesInAnInterval() {
        ResyncSlices slices = new ResyncSlices(Duration.ofSeconds(1), Duration.ofSeconds(5));
        slices.start(T0, 100_000);
        assertThat(slices.slices()).isEqualTo(5);
    }

    @Test
    void aLoopThatWasStuckCatchesUpWithoutReplayingEveryMissedSlice() {
        List<String> names = names(1_000);
        ResyncSlices slices = new ResyncSlices(PASS, RESYNC);
        slices.start(T0, names.size());
        Instant late = T0.plus(RESYNC.multipliedBy(5));
        int dueNow = 0;
        for (int i = 0; i < 10; i++) {
            if (slices.due(late, names.size()) != ResyncSlices.NONE) {
                dueNow++;
            }
        }
        // The old cycle's four slices are due at once; then a new cycle starts now, not five intervals back.
        assertThat(dueNow).isEqualTo(4);
        assertThat(slices.due(late.plus(PASS), names.size())).isEqualTo(ResyncSlices.NONE);
    }
}
