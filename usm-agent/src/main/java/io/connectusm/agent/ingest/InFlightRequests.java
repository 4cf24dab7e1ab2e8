package io.connectusm.agent.ingest;

import io.connectusm.support.Ticker;
import java.time.Duration;

/**
 * Counts data plane requests between their arrival and their response, so shutdown can wait for them
 * (with a deadline read from the injected {@link Ticker}) after it stopped accepting connections.
 * Thread-safe.
 */
public final class InFlightRequests {

    private final Ticker ticker;
    private int count;
    private boolean draining;

    InFlightRequests() {
        this(Ticker.system());
    }

    public InFlightRequests(Ticker ticker) {
        this.ticker = ticker;
    }

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Whether shutdown started: responses then ask clients to close their connections. */
    synchronized boolean draining() {
        return draining;
    }

    /**
     * Marks shutdown and waits until no request is in flight or {@code deadline} passed.
     *
     * @return whether every request finished in time
     */
    public synchronized boolean drain(Duration deadline) throws InterruptedException {
        draining = true;
        long end = ticker.nanos() + deadline.toNanos();
        while (count > 0) {
            long left = end - ticker.nanos();
            if (left <= 0) {
                return false;
            }
            ticker.await(this, left);
        }
        return true;
    }
}
