package io.connectusm.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheCapAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));
        long[] caps = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long cap : caps) {
            assertThat(backoff.next().toMillis()).isBetween(cap / 2, cap);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void spreadsRetriesOfAgentsThatFailedTogether() {
        Backoff first = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(1));
        Backoff second = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(2));
        for (int i = 0; i < 8; i++) {
            first.next();
            second.next();
        }
        assertThat(first.next()).isNotEqualTo(second.next());
    }
}
