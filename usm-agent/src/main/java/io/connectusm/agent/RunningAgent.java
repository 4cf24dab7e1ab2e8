package io.connectusm.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started agent: its bound ports and its graceful {@link #close()}. Returned by
 * {@link UsmAgent#start(AgentConfig)}. Thread-safe; {@code close()} is idempotent and may be called from a
 * shutdown hook.
 */
public final class RunningAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAgent.class);

    private final int dataPort;
    private final int controlPort;
    private final Deque<AutoCloseable> shutdownSteps;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    RunningAgent(int dataPort, int controlPort, Deque<AutoCloseable> shutdownSteps) {
        this.dataPort = dataPort;
        this.controlPort = controlPort;
        this.shutdownSteps = new ArrayDeque<>(shutdownSteps);
    }

    /** The port the data plane (HTTPS, {@code POST /v1/events}) listens on. */
    public int dataPort() {
        return dataPort;
    }

    /** The port the control plane ({@code /healthz}, {@code /metrics}, …) listens on. */
    public int controlPort() {
        return controlPort;
    }

    /** Blocks until {@link #close()} finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops gracefully: stops accepting, lets in-flight requests finish (up to {@code shutdown.timeout.ms}),
     * stops forwarding, flushes and closes the spool, stops the event loops.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            runSteps(shutdownSteps);
        } finally {
            closed.countDown();
        }
    }

    /** Runs the steps in deque order; a failing step is logged and the rest still run. */
    static void runSteps(Deque<AutoCloseable> steps) {
        while (!steps.isEmpty()) {
            AutoCloseable step = steps.pollFirst();
            try {
                step.close();
            } catch (Exception e) {
                LOG.warn("a shutdown step failed", e);
            }
        }
    }
}
