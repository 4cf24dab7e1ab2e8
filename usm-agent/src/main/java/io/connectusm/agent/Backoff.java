package io.connectusm.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: after the n-th consecutive failure, a delay drawn uniformly from
 * the upper half of {@code min(max, initial * 2^(n-1))}, so agents that failed together do not retry
 * together. Not thread-safe: one per retry loop.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt, after one more failure. */
    Duration next() {
        failures = Math.min(failures + 1, 62);
        long cap = initialMillis;
        for (int i = 1; i < failures && cap < maxMillis; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxMillis);
        long half = cap / 2;
        return Duration.ofMillis(half + (cap - half == 0 ? 0 : random.nextLong(cap - half + 1)));
    }

    /** After a success: the next failure waits {@code initial} again. */
    void reset() {
        failures = 0;
    }
}
