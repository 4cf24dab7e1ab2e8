package io.connectusm.agent.ingest;

import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.BatchCodec;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolFullException;
import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventDecodingException;
import io.connectusm.events.ScannedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to one batch a worker posted, knowing nothing of HTTP transport: validate it (one streaming
 * pass, no event built: {@link BatchCodec#scan}), check that the peer may speak for every cluster it claims and that
 * each cluster is registered, record the sightings, pass it through the {@link SecondLineScan}, and store it
 * durably, each event as the bytes the worker sent. The outcome carries the status the data plane answers.
 *
 * <p>Order matters: identity is checked before anything is recorded, so a peer cannot create sightings for
 * clusters it does not belong to. A batch is accepted or refused as a whole.
 *
 * <p>Thread-safe; runs on event loops and never blocks: the only slow step, the spool's fsync, is a future.
 */
public final class EventRouter {

    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final IdentityPolicy identityPolicy;
    private final RegistrationMap registrations;
    private final ClusterActivity activity;
    private final Spool spool;
    private final IngestMetrics metrics;
    private final int maxEventsPerBatch;
    private final int retryAfterSeconds;
    private final Runnable unregisteredSeen;
    private final Duration maxFuture;
    private final Clock clock;
    private final SecondLineScan secondLine;
    /** What the scanner shows every string to: {@code null} without a second line, so that none is looked at. */
    private final Predicate<String> inspector;

    /** A router without a second line of masking ({@link SecondLineScan#NONE}). */
    public EventRouter(DataPlaneSettings settings, RegistrationMap registrations, ClusterActivity activity, Spool spool,
            IngestMetrics metrics, Runnable unregisteredSeen, Clock clock) {
        this(settings, registrations, activity, spool, metrics, unregisteredSeen, clock, SecondLineScan.NONE);
    }

    /**
     * @param settings         the identity mode, the batch limit, the Retry-After of a 503 and how far in the future
     *                         an event may be dated (a batch with one dated later than that after {@code clock} is
     *                         refused with 400)
     * @param unregisteredSeen called when a batch of an unregistered cluster was refused (triggers a
     *                         registrations pull and sightings report); must not block
     * @param clock            the agent's clock, against which event times are checked
     * @param secondLine       sees every string of every event before it is spooled
     */
    public EventRouter(DataPlaneSettings settings, RegistrationMap registrations, ClusterActivity activity, Spool spool,
            IngestMetrics metrics, Runnable unregisteredSeen, Clock clock, SecondLineScan secondLine) {
        this.identityPolicy = new IdentityPolicy(settings.identityMode());
        this.maxFuture = settings.maxEventFuture();
        this.clock = clock;
        this.registrations = registrations;
        this.activity = activity;
        this.spool = spool;
        this.metrics = metrics;
        this.maxEventsPerBatch = settings.maxEventsPerBatch();
        this.retryAfterSeconds = settings.retryAfterSeconds();
        this.unregisteredSeen = unregisteredSeen;
        this.secondLine = secondLine;
        this.inspector = secondLine == SecondLineScan.NONE ? null : secondLine::flags;
    }

    /** Handles one batch from {@code peer}; the future never fails, errors are outcomes. */
    CompletableFuture<IngestOutcome> ingest(PeerIdentity peer, byte[] body) {
        List<ScannedEvent> events;
        try {
            events = BatchCodec.scan(body, inspector);
        } catch (EventDecodingException e) {
            boolean tooLarge = e.kind() == EventDecodingException.Kind.LIMIT_EXCEEDED;
            metrics.reject(tooLarge ? IngestMetrics.TOO_LARGE : IngestMetrics.MALFORMED);
            return done(IngestOutcome.error(tooLarge ? 413 : 400,
                    (tooLarge ? "batch over a limit at " : "malformed batch at ") + e.getMessage()));
        }
        if (events.size() > maxEventsPerBatch) {
            metrics.reject(IngestMetrics.TOO_LARGE);
            return done(IngestOutcome.error(413, "a batch carries at most " + maxEventsPerBatch + " events, this one "
                    + events.size()));
        }
        // Newest wins downstream: an event dated in the future would pin its connector until the clock catches up.
        Instant limit = clock.instant().plus(maxFuture);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).time().isAfter(limit)) {
                metrics.reject(IngestMetrics.MALFORMED);
                return done(IngestOutcome.error(400, "event [" + i + "] is dated " + events.get(i).time()
                        + ", more than " + maxFuture.toSeconds() + " s after the agent's clock; check the worker's clock"));
            }
        }
        metrics.received.inc(events.size());
        Map<ClusterRef, List<ScannedEvent>> byCluster = new LinkedHashMap<>();
        for (ScannedEvent event : events) {
            byCluster.computeIfAbsent(event.cluster(), c -> new ArrayList<>()).add(event);
        }
        for (ClusterRef cluster : byCluster.keySet()) {
            if (!identityPolicy.allows(peer, cluster)) {
                metrics.reject(IngestMetrics.IDENTITY);
                return done(IngestOutcome.error(403, "the " + peer.describe() + " may not send events for Connect cluster "
                        + cluster.connectClusterId() + ": its CN or a URI SAN must name that cluster ID"));
            }
        }
        byCluster.forEach(activity::seen);
        for (Map.Entry<ClusterRef, List<ScannedEvent>> entry : byCluster.entrySet()) {
            ClusterRef cluster = entry.getKey();
            if (registrations.lookup(cluster).isEmpty()) {
                byCluster.forEach((c, list) -> activity.rejected(c, list.size()));
                metrics.reject(IngestMetrics.UNREGISTERED);
                unregisteredSeen.run();
                return done(IngestOutcome.error(403, "Connect cluster " + cluster.connectClusterId() + " of Kafka cluster "
                        + cluster.kafkaClusterId() + " is not registered with USM; register it with: usm connect register "
                        + cluster.connectClusterId() + " --confluent-platform-kafka-cluster " + cluster.kafkaClusterId()
                        + " --cloud <aws|gcp|azure> --region <region> (or add it to the agent's registrations.file)"));
            }
        }
        if (events.isEmpty()) {
            return done(IngestOutcome.ACCEPTED);
        }
        List<ScannedEvent> egress;
        try {
            egress = screened(events);
        } catch (RuntimeException e) {
            // A scrubbed event that is no longer valid must not leave, nor be dropped silently: the worker retries.
            LOG.error("the second line of masking could not rewrite an event ({}); the batch is refused",
                    e.getClass().getSimpleName());
            return done(IngestOutcome.error(500, "internal error"));
        }
        return spool.append(egress).handle((result, failure) -> {
            if (failure == null) {
                metrics.accepted.inc(events.size());
                byCluster.forEach((c, list) -> activity.accepted(c, list.size()));
                return IngestOutcome.ACCEPTED;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            metrics.reject(IngestMetrics.SPOOL_FULL);
            if (!(cause instanceof SpoolFullException)) {
                LOG.error("the spool failed to store a batch", cause);
            }
            return new IngestOutcome(503, cause instanceof SpoolFullException ? cause.getMessage() + "; retry later"
                    : "the spool cannot store events now; retry later", retryAfterSeconds);
        });
    }

    /** The events as they may leave: flagged ones scrubbed, re-encoded and validated again; the others as they are. */
    private List<ScannedEvent> screened(List<ScannedEvent> events) {
        List<ScannedEvent> egress = null;
        for (int i = 0; i < events.size(); i++) {
            ScannedEvent event = events.get(i);
            if (event.flagged()) {
                if (egress == null) {
                    egress = new ArrayList<>(events);
                }
                egress.set(i, BatchCodec.scanEvent(BatchCodec.encode(secondLine.scrub(BatchCodec.decodeEvent(event.json())))));
            }
        }
        return egress == null ? events : egress;
    }

    private static CompletableFuture<IngestOutcome> done(IngestOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
