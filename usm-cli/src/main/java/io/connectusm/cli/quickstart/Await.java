package io.connectusm.cli.quickstart;

import java.time.Duration;
import java.util.Optional;

import io.connectusm.cli.output.UsmCliException;

/**
 * Waits for a condition with a deadline, polling, and fails fast when the child JVM it depends on has died, so a
 * broken start ends in seconds with the child's log named instead of at the deadline. Stateless.
 */
final class Await {

    private static final long POLL_MILLIS = 250;

    /** A check that yields a value once the condition holds; exceptions count as "not yet". */
    @FunctionalInterface
    interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    private Await() {
    }

    /**
     * @param what    what is awaited, for the error message ("the Kafka broker to accept connections")
     * @param process the child whose death makes waiting pointless, or {@code null}
     * @throws UsmCliException at the deadline or when {@code process} exits
     */
    static <T> T until(String what, Duration timeout, ChildJvm process, Probe<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // not ready yet: connection refused, 404 before the REST API is up, ...
            }
            if (process != null && !process.isAlive()) {
                throw new UsmCliException("gave up waiting for " + what + ": " + process.exitDescription());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new UsmCliException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s"
                        + (process == null ? "" : "; see " + process.logFile()));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
