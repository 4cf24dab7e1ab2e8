package io.connectusm.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Capped exponential backoff with jitter: after the n-th consecutive failure, a delay drawn uniformly from the
 * upper half of {@code min(max, initial * 2^(n-1))}, so that clients which failed together (the workers of one
 * cluster, the agents of one fleet) do not retry together, and none waits less than half its cap.
 *
 * <p>It only computes delays; the caller waits them on its own clock or {@link Ticker}, so a test moves time
 * instead of sleeping. The randomness is injected ({@code new Random(seed)} in tests).
 *
 * <p>Not thread-safe: one instance per retry loop. Lifecycle: {@link #next()} after each failure,
 * {@link #reset()} after a success.
 */
public final class Backoff {

    /** Doubling stops here: 2^62 milliseconds is beyond any configured cap already. */
    private static final int MAX_DOUBLINGS = 62;

    private final long initialMillis;
    private final long maxMillis;
    private final Random random;
    private int failures;

    /**
     * @param initial the cap after the first failure (at least 1 ms)
     * @param max     the largest cap (at least {@code initial})
     * @param random  the source of jitter
     */
    public Backoff(Duration initial, Duration max, Random random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = Objects.requireNonNull(random, "random");
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("backoff needs 1 ms <= initial <= max, got " + initial + " and " + max);
        }
    }

    /** Records one more failure and returns how long to wait before the next attempt. */
    public Duration next() {
        failures = Math.min(failures + 1, MAX_DOUBLINGS);
        long cap = initialMillis;
        for (int i = 1; i < failures && cap < maxMillis; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxMillis);
        long half = cap / 2;
        long span = cap - half;
        // Uniform in [half, cap]; Random#nextLong(bound) is Java 17, so scale a double (the bias is far below 1 ms).
        long jitter = Math.min(span, (long) (random.nextDouble() * (span + 1)));
        return Duration.ofMillis(half + jitter);
    }

    /** After a success: the next failure waits about {@code initial} again. */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures recorded since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }
}
