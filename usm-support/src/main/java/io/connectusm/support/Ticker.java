package io.connectusm.support;

import java.util.concurrent.TimeUnit;

/**
 * The monotonic time that deadlines and waits read (a shutdown drain, a retry delay, an idle poll, a latency).
 * It is injected, so tests move time forward instead of sleeping. Wall-clock instants (what a user reads) come
 * from a {@link java.time.Clock} instead: a deadline must not move when NTP steps the wall clock.
 *
 * <p>Implementations are thread-safe.
 */
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences between two readings mean something. */
    long nanos();

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until it is notified or about {@code nanos} of this
     * ticker's time passed. It may also return earlier (spurious wake-up), so callers loop: re-check their
     * condition and their deadline, read from {@link #nanos()}.
     */
    void await(Object monitor, long nanos) throws InterruptedException;

    /** {@link System#nanoTime()}, waiting with {@link Object#wait(long)}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** The production ticker. Stateless. */
    final class SystemTicker implements Ticker {

        static final SystemTicker INSTANCE = new SystemTicker();

        private SystemTicker() {
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void await(Object monitor, long nanos) throws InterruptedException {
            // wait(0) would mean "forever": round sub-millisecond remainders up.
            monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        }
    }
}
