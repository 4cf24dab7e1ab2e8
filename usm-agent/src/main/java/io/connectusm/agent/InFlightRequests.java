package io.connectusm.agent;

import java.time.Duration;

/**
 * Counts data plane requests between their arrival and their response, so shutdown can wait for them
 * (with a deadline) after it stopped accepting connections. Thread-safe.
 */
final class InFlightRequests {

    private int count;
    private boolean draining;

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
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
    synchronized boolean drain(Duration deadline) throws InterruptedException {
        draining = true;
        long end = System.nanoTime() + deadline.toNanos();
        while (count > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
