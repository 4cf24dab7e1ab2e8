package io.connectusm.agent;

import io.connectusm.support.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that stands still until a test moves it. Waiters re-check it every few milliseconds of real
 * time, so a wait ends promptly once the test advanced past its deadline, and never before. Thread-safe.
 */
public final class ManualTicker implements Ticker {

    /** How often a waiter looks at the ticker again; only latency, never what the test observes. */
    private static final long RECHECK_MILLIS = 5;

    private final AtomicLong nanos = new AtomicLong();

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void await(Object monitor, long nanos) throws InterruptedException {
        monitor.wait(RECHECK_MILLIS);
    }
}
