package io.connectusm.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));
        long[] caps = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long cap : caps) {
            assertThat(backoff.next().toMillis()).isBetween(cap / 2, cap);
        }
        assertThat(backoff.failures()).isEqualTo(caps.length);
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void spreadsRetriesOfClientsThatFailedTogether() {
        Backoff first = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(1));
        Backoff second = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(2));
        for (int i = 0; i < 8; i++) {
            first.next();
            second.next();
        }
        assertThat(first.next()).isNotEqualTo(second.next());
    }

    @Test
    void drawsFromTheWholeUpperHalfAndNeverOutsideIt() {
        Set<Long> seen = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), random);
            long delay = backoff.next().toMillis();
            assertThat(delay).isBetween(5L, 10L);
            seen.add(delay);
        }
        assertThat(seen).containsExactlyInAnyOrder(5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void neverOverflowsAfterManyFailures() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofDays(365), new Random(3));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofDays(365));
        }
    }

    @Test
    void refusesACapBelowTheFirstDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
