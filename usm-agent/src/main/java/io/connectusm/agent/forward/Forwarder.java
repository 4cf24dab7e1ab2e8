package io.connectusm.agent.forward;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.agent.spool.PendingEvent;
import io.connectusm.agent.spool.Spool;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.api.UsmConnectionException;
import io.connectusm.api.UsmProtocolException;
import io.connectusm.events.ClusterRef;
import io.connectusm.support.Backoff;
import io.connectusm.support.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spooled events to the endpoint's {@code POST /usm/v1/events} (through usm-api's {@link UsmApiClient}:
 * the JDK HTTP client, keep-alive, one POST at a time), oldest first, and deletes them from
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
        try {
            api.postEvents(body);
        } catch (UsmConnectionException e) {
            if (e.reason() == UsmConnectionException.Reason.INTERRUPTED) {
                throw new InterruptedException("closing"); // nothing was acknowledged: the batch stays spooled
            }
            if (!failing) {
                LOG.warn("{}", e.getMessage());
            }
            return ForwardMetrics.IO;
        } catch (UsmProtocolException e) {
            if (!failing) {
                LOG.warn("the endpoint's answer to a batch breaks the usm/v1 contract: {}", e.getMessage());
            }
            return ForwardMetrics.PROTOCOL;
        } catch (UsmApiException e) {
            Set<ClusterRef> unregistered = unregisteredClusters(e);
            if (!unregistered.isEmpty() && batchTouches(batch, unregistered)) {
                LOG.warn("the endpoint says Connect clusters {} are not registered; dropping their spooled events",
                        unregistered);
                registrations.forgetFromEndpoint(unregistered);
                spool.dropClusters(unregistered).get(30, TimeUnit.SECONDS);
                refreshRegistrations.run();
                return null;
            }
            return "http_" + e.status();
        }
        spool.acknowledge(batch).get(30, TimeUnit.SECONDS);
        metrics.forwarded.inc(batch.size());
        metrics.latency.observe((ticker.nanos() - start) / 1e9);
        return null;
    }

    /** The clusters a 403 {@code cluster_not_registered} names in its {@code clusters}; empty for any other error. */
    private static Set<ClusterRef> unregisteredClusters(UsmApiException e) {
        if (e.status() != 403 || !"cluster_not_registered".equals(e.code())) {
            return Set.of();
        }
        Set<ClusterRef> clusters = new HashSet<>();
        for (JsonNode cluster : e.error().path("clusters")) {
            String kafka = cluster.path("kafka_cluster_id").asText(null);
            String connect = cluster.path("connect_cluster_id").asText(null);
            if (kafka != null && connect != null) {
                clusters.add(new ClusterRef(kafka, connect));
            }
        }
        return clusters;
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
