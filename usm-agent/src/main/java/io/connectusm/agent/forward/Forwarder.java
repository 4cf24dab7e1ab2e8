package io.connectusm.agent.forward;

import io.connectusm.agent.api.UsmApiClient;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.agent.spool.PendingEvent;
import io.connectusm.agent.spool.Spool;
import io.connectusm.events.ClusterRef;
import io.connectusm.support.Backoff;
import io.connectusm.support.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spooled events to the endpoint's {@code POST /usm/v1/events}, oldest first, and deletes them from
 * the spool only after a 2xx. Failures (network, 5xx, 401, …) are retried forever with capped exponential
 * backoff and jitter. A 403 {@code cluster_not_registered} drops those clusters' events (counted), forgets
 * their registration and asks for a registrations refresh; the rest of the batch is retried at once.
 *
 * <p>Backoff delays, the idle poll and the latency histogram read the injected {@link Ticker}.
 *
 * <p>Runs on its own thread. Lifecycle: {@link #start()}, {@link #close()} (stops after the current POST).
 */
public final class Forwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final Spool spool;
    private final UsmApiClient api;
    private final RegistrationMap registrations;
    private final Runnable refreshRegistrations;
    private final ForwardMetrics metrics;
    private final ForwardSettings settings;
    private final Ticker ticker;
    private final Backoff backoff;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean woken;
    /** Whether the last attempt failed, so an outage is logged once; only the forwarder thread touches it. */
    private boolean failing;
    private volatile boolean running = true;

    /**
     * @param refreshRegistrations asks for a registrations pull soon (after a 403 for unregistered clusters)
     */
    public Forwarder(Spool spool, UsmApiClient api, RegistrationMap registrations, Runnable refreshRegistrations,
            ForwardMetrics metrics, ForwardSettings settings, Ticker ticker) {
        this.spool = spool;
        this.api = api;
        this.registrations = registrations;
        this.refreshRegistrations = refreshRegistrations;
        this.metrics = metrics;
        this.settings = settings;
        this.ticker = ticker;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), new Random());
        this.thread = new Thread(this::run, "usm-agent-forwarder");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** New events were committed: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                List<PendingEvent> batch = spool.pending(settings.batchMaxEvents()).get(30, TimeUnit.SECONDS);
                if (batch.isEmpty()) {
                    await(IDLE_POLL, true);
                    continue;
                }
                String failure = forward(batch);
                if (failure == null) {
                    backoff.reset();
                    if (failing) {
                        LOG.info("the endpoint accepts events again");
                    }
                    failing = false;
                } else {
                    metrics.failures.labelValues(failure).inc();
                    if (!failing) {
                        LOG.warn("forwarding to {} failed ({}); retrying with backoff", api.baseUrl(), failure);
                    }
                    failing = true;
                    await(backoff.next(), false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("the forwarder cannot read the spool", e);
                try {
                    await(backoff.next(), false);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Sends one batch; returns {@code null} on success, else the failure reason for the metric. */
    private String forward(List<PendingEvent> batch) throws InterruptedException, ExecutionException,
            TimeoutException {
        // The spool holds each event as the JSON it was encoded to once: joined, they are the batch.
        byte[] body = BatchCodec.batchOf(batch.stream().map(PendingEvent::json).toList());
        long start = ticker.nanos();
        UsmApiClient.ForwardResult result;
        try {
            result = api.postEvents(body);
        } catch (IOException e) {
            if (!failing) {
                LOG.warn("cannot reach {}: {}: {}", api.baseUrl(), e.getClass().getSimpleName(), e.getMessage());
            }
            return ForwardMetrics.IO;
        }
        if (result.accepted()) {
            spool.acknowledge(batch).get(30, TimeUnit.SECONDS);
            metrics.forwarded.inc(batch.size());
            metrics.latency.observe((ticker.nanos() - start) / 1e9);
            return null;
        }
        Set<ClusterRef> unregistered = result.unregisteredClusters();
        if (result.status() == 403 && !unregistered.isEmpty() && batchTouches(batch, unregistered)) {
            LOG.warn("the endpoint says Connect clusters {} are not registered; dropping their spooled events",
                    unregistered);
            registrations.forgetFromEndpoint(unregistered);
            spool.dropClusters(unregistered).get(30, TimeUnit.SECONDS);
            refreshRegistrations.run();
            return null;
        }
        return "http_" + result.status();
    }

    private static boolean batchTouches(List<PendingEvent> batch, Set<ClusterRef> clusters) {
        for (PendingEvent pending : batch) {
            if (clusters.contains(pending.key().cluster())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits {@code duration} of the ticker's time; a {@link #wake()} ends the wait early only when
     * {@code wakeable}, {@link #close()} always.
     */
    private void await(Duration duration, boolean wakeable) throws InterruptedException {
        long end = ticker.nanos() + duration.toNanos();
        synchronized (signal) {
            while (running && !(wakeable && woken)) {
                long left = end - ticker.nanos();
                if (left <= 0) {
                    break;
                }
                ticker.await(signal, left);
            }
            woken = false;
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // A POST still waits for the endpoint; interrupting it is safe, nothing was acknowledged.
            thread.interrupt();
        }
    }
}
