package io.connectusm.extension;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all of
 * {@code min(initial * 2^n, max)}, so that the workers of one cluster do not retry in step.
 *
 * <p>Not thread-safe: owned by the emitter thread.
 */
final class Backoff {

    static final Duration INITIAL = Duration.ofMillis(100);

    private final Duration max;
    private final SplittableRandom random;
    private int failures;

    // SplittableRandom, not java.util.random.RandomGenerator (Java 17): this class is Java 11 bytecode.
    Backoff(Duration max, SplittableRandom random) {
        this.max = max;
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration nextDelay() {
        long ceiling = Math.min(max.toMillis(), INITIAL.toMillis() << Math.min(failures, 30));
        failures++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    void reset() {
        failures = 0;
    }
}
