package io.connectusm.extension;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.MetadataEvent;
import io.connectusm.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The delivery thread: takes the oldest batch from {@link PendingEvents}, encodes and sends it with
 * {@link EventSender}, and removes it once the agent holds it. Failures back off exponentially with jitter;
 * a 403 (cluster not registered) waits {@code retryBackoffMax} and logs one WARN per attempt telling the
 * operator to register the cluster; a 400/413 drops the batch (the next resync resends the state). While a resync
 * slice is being paced, its snapshots wait for the rest of it ({@link ResyncHold}) and leave in one request.
 *
 * <p>Separate from the observer so that a slow agent never delays observation and a busy herder never
 * delays delivery. Lifecycle: {@link #start()} once, {@link #close(Duration)} once (one last delivery attempt
 * within the deadline).
 */
final class DeliveryLoop {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    static final String THREAD_NAME = "connect-usm-metadata-events-sender";
    /** The first pause after a failure; it doubles up to {@code retry.backoff.max.ms} (with jitter). */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    /** How often a held resync batch looks again whether its slice is complete. */
    private static final long HOLD_POLL_MS = 100;

    private final PendingEvents pending;
    private final EventSender sender;
    private final Function<List<MetadataEvent>, byte[]> encoder;
    private final int batchMaxEvents;
    private final Duration retryBackoffMax;
    private final Clock clock;
    private final Backoff backoff;
    private final Thread thread;
    private final ResyncHold resyncHold;
    private volatile boolean closing;
    private Instant nextSend;
    private boolean failing;

    /** @param resyncHold when to wait for the rest of a resync slice before sending ({@link ResyncHold}) */
    DeliveryLoop(PendingEvents pending, EventSender sender, Function<List<MetadataEvent>, byte[]> encoder,
                 int batchMaxEvents, Duration retryBackoffMax, Clock clock, ResyncHold resyncHold) {
        this.pending = pending;
        this.sender = sender;
        this.encoder = encoder;
        this.batchMaxEvents = batchMaxEvents;
        this.retryBackoffMax = retryBackoffMax;
        this.clock = clock;
        this.backoff = new Backoff(INITIAL_BACKOFF, retryBackoffMax, new Random());
        this.resyncHold = resyncHold;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        nextSend = clock.instant();
        try {
            while (!closing) {
                Instant now = clock.instant();
                if (pending.isEmpty()) {
                    pending.await(1_000);
                } else if (now.isBefore(nextSend)) {
                    pending.await(Math.max(1, Duration.between(now, nextSend).toMillis()));
                } else if (resyncHold.hold(now, pending.routineOnly(), pending.size() >= batchMaxEvents)) {
                    pending.await(HOLD_POLL_MS); // each append wakes it too
                } else {
                    sendBatch(now);
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            log.error("Connector metadata delivery stopped unexpectedly: {}", e.toString());
            return;
        }
        if (!pending.isEmpty()) {
            sendBatch(clock.instant());
        }
    }

    private void sendBatch(Instant now) {
        resyncHold.sent();
        List<MetadataEvent> batch = pending.peek(batchMaxEvents);
        EventSender.Result result = sender.send(encoder.apply(batch));
        switch (result.outcome()) {
            case DELIVERED:
                pending.remove(batch);
                backoff.reset();
                if (failing) {
                    log.info("Connector metadata events are delivered again ({} pending)", pending.size());
                    failing = false;
                }
                break;
            case UNREGISTERED: {
                // Retried slowly so that registering the cluster later starts the flow without a restart;
                // one WARN per retry interval.
                nextSend = now.plus(retryBackoffMax);
                failing = true;
                ClusterRef cluster = batch.get(0).cluster();
                log.warn("The USM agent rejects events of Connect cluster '{}' (Kafka cluster {}) because the "
                                + "cluster is not registered. Register it, e.g. `usm connect register {} "
                                + "--confluent-platform-kafka-cluster {} ...`; {} events are kept and retried "
                                + "every {}. ({})", cluster.connectClusterId(), cluster.kafkaClusterId(),
                        cluster.connectClusterId(), cluster.kafkaClusterId(), pending.size(), retryBackoffMax,
                        result.detail());
                break;
            }
            case REJECTED:
                pending.remove(batch);
                log.warn("The USM agent rejected a batch of {} events; they are dropped and the next resync "
                        + "resends the current state ({})", batch.size(), result.detail());
                break;
            default: {
                Duration delay = backoff.next();
                if (result.retryAfter().isPresent() && result.retryAfter().get().compareTo(delay) > 0) {
                    delay = result.retryAfter().get().compareTo(retryBackoffMax) < 0
                            ? result.retryAfter().get() : retryBackoffMax;
                }
                nextSend = now.plus(delay);
                if (!failing) {
                    log.warn("Cannot deliver connector metadata events ({}); retrying with backoff, {} pending",
                            result.detail(), pending.size());
                    failing = true;
                } else {
                    log.debug("Still cannot deliver connector metadata events ({}); next try in {}",
                            result.detail(), delay);
                }
            }
        }
    }

    /** Stops the thread after one last delivery attempt, waiting at most {@code deadline}. */
    void close(Duration deadline) {
        closing = true;
        pending.wakeUp();
        try {
            thread.join(deadline.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.close();
        }
    }
}
