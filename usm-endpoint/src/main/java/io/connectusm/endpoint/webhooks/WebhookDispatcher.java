package io.connectusm.endpoint.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.connectusm.endpoint.metrics.EndpointMetrics;
import io.connectusm.endpoint.store.ReplicaJob;
import io.connectusm.endpoint.store.WebhookOutbox;
import io.connectusm.support.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery job: every poll interval, on the one replica that gets the outbox's lock, it queues the stale
 * clusters' transitions, then sends every due delivery, oldest first, each attempt recorded in its own transaction.
 * A failed attempt is retried after a capped exponential backoff with jitter ({@link Backoff}, by its attempt
 * count), a delivery older than {@code maxAge} is dropped and logged; one whose webhook is no longer configured is
 * dropped too. A crash between a receiver's 2xx and the record of it sends that delivery again: at least once,
 * with the same idempotency key. Log lines name the webhook and the transition, never the URL or the body.
 *
 * One replica at a time runs a pass ({@link ReplicaJob}).
 *
 * <p>Thread-safe. Lifecycle: {@link #start()} schedules passes on a daemon thread, {@link #close()} stops them
 * (an attempt in flight ends first); {@link #runOnce()} runs one pass now (tests).
 */
public final class WebhookDispatcher implements AutoCloseable {

    /** Deliveries taken per pass (a pass continues while it finds full batches). */
    static final int BATCH = 50;
    /** Delivered rows are kept this long (for operators), then purged. */
    static final Duration KEEP_DELIVERED = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookOutbox outbox;
    private final Map<String, WebhookSender> senders;
    private final Settings settings;
    private final EndpointMetrics metrics;
    private final Clock clock;
    private final ReplicaJob job;
    private final Random random = new Random();

    /**
     * How the job paces itself.
     *
     * @param pollInterval    how often it looks for due deliveries
     * @param backoff         wait after a first failure, doubling per failure
     * @param backoffMax      longest wait between attempts
     * @param maxAge          a delivery failing longer than this after its transition is dropped
     * @param clusterStaleAfter a cluster silent for longer is stale
     */
    public record Settings(Duration pollInterval, Duration backoff, Duration backoffMax, Duration maxAge,
                           Duration clusterStaleAfter) {
    }

    public WebhookDispatcher(WebhookOutbox outbox, Map<String, WebhookSender> senders, Settings settings,
                             EndpointMetrics metrics, Clock clock, String replica) {
        this.outbox = outbox;
        this.senders = Map.copyOf(senders);
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.job = outbox.deliveryJob(replica);
        senders.keySet().forEach(metrics::webhookConfigured);
    }

    /** Schedules passes, the first one poll interval from now. */
    public void start() {
        job.start("usm-endpoint-webhooks", settings.pollInterval(), settings.pollInterval(), this::runOnce);
    }

    /** One pass, if this replica gets the lock; whether it did. */
    public boolean runOnce() {
        return job.runLocked((now, lastRunAt) -> {
            outbox.queueStaleClusters(settings.clusterStaleAfter());
            List<WebhookOutbox.Delivery> due;
            do {
                due = outbox.due(BATCH);
                for (WebhookOutbox.Delivery delivery : due) {
                    if (job.closing()) {
                        return Optional.of(true);
                    }
                    attempt(delivery);
                }
            } while (due.size() == BATCH && !job.closing());
            outbox.purgeDelivered(clock.instant().minus(KEEP_DELIVERED));
            return Optional.of(true);
        }).isPresent();
    }

    private void attempt(WebhookOutbox.Delivery delivery) {
        WebhookSender sender = senders.get(delivery.webhook());
        Instant now = clock.instant();
        if (sender == null || delivery.createdAt().plus(settings.maxAge()).isBefore(now)) {
            log.warn("dropping webhook delivery {} of {} to {} after {} attempts: {}", delivery.idempotencyKey(),
                    delivery.kind().wireName(), delivery.webhook(), delivery.attempts(),
                    sender == null ? "the webhook is no longer configured" : "older than webhooks.max.age.ms");
            outbox.drop(delivery.id());
            metrics.webhookDelivery(delivery.webhook(), EndpointMetrics.DROPPED);
            return;
        }
        WebhookSender.Result result = sender.send(delivery.kind(), delivery.idempotencyKey(), delivery.payloadJson());
        if (result.delivered()) {
            outbox.delivered(delivery.id());
            metrics.webhookDelivery(delivery.webhook(), EndpointMetrics.DELIVERED);
            log.debug("webhook {} got {} ({})", delivery.webhook(), delivery.kind().wireName(),
                    delivery.idempotencyKey());
        } else {
            Duration wait = backoff(delivery.attempts() + 1);
            outbox.failed(delivery.id(), now.plus(wait), result.error());
            metrics.webhookDelivery(delivery.webhook(), EndpointMetrics.FAILED);
            log.info("webhook {} failed for {} ({}): {}; attempt {} in {} ms", delivery.webhook(),
                    delivery.kind().wireName(), delivery.idempotencyKey(), result.error(), delivery.attempts() + 2,
                    wait.toMillis());
        }
    }

    /** The wait after the {@code failures}-th consecutive failure. */
    private Duration backoff(int failures) {
        Backoff backoff = new Backoff(settings.backoff(), settings.backoffMax(), random);
        Duration wait = Duration.ZERO;
        for (int i = 0; i < Math.min(failures, 64); i++) {
            wait = backoff.next();
        }
        return wait;
    }

    /** Stops the passes; an attempt in flight ends first. */
    @Override
    public void close() {
        job.close();
    }
}
