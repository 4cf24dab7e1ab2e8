package io.connectusm.cli.quickstart;

import java.util.ArrayDeque;
import java.util.Deque;

import io.connectusm.cli.output.UsmCliException;

/**
 * What the quickstart has started, stopped in reverse order: the Connect worker before the broker it writes to, the
 * agent before the endpoint it forwards to. Thread-safe: the shutdown hook may close it while the main thread is
 * still starting things; whatever is added after that is stopped at once, so Ctrl-C during start-up leaves no child
 * JVM behind.
 */
final class Components implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    /** Takes ownership of {@code component}; returns it. */
    <T extends AutoCloseable> T add(T component) {
        synchronized (this) {
            if (!closed) {
                started.push(component);
                return component;
            }
        }
        closeQuietly(component);
        throw new UsmCliException("stopped while starting");
    }

    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }

    /** Stops everything, newest first; a failure to stop one does not keep the others running. Idempotent. */
    @Override
    public void close() {
        Deque<AutoCloseable> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayDeque<>(started);
            started.clear();
        }
        toStop.forEach(Components::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            // Shutting down anyway; the component's own log tells what went wrong.
        }
    }
}
