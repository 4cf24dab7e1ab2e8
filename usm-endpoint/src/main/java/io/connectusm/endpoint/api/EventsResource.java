package io.connectusm.endpoint.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.auth.KeyScope;
import io.connectusm.endpoint.auth.Principal;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.ingest.IngestScrubber;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ClusterReportStore;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.StoreException;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventDecodingException;
import io.connectusm.events.MetadataEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /usm/v1/events}: decodes a CloudEvents batch, checks that every Connect cluster it names is
 * registered (else the whole batch is rejected with 403, listing the unregistered clusters) and applies it to the
 * {@link ConnectorStore} of every registration of that cluster. A batch holding an event dated more than
 * {@code events.max.future.ms} after the endpoint's clock is refused whole with 400 (never clamped: with newest
 * wins, a time in the future would pin a connector's state until the clock caught up). A scoped agent key writes
 * only into the registrations of its environment, and only for its listed clusters: a batch naming another is
 * refused whole with 403 {@code outside_key_scope}. Before anything is stored, every string of every event goes
 * through the {@link IngestScrubber} (a worker with an older plugin does not leave credentials here). An accepted
 * batch also records, per registration, when it was heard from and through which agent key
 * ({@link ClusterReportStore}). Thread-safe.
 */
final class EventsResource {

    static final String PATH = UsmV1Api.PREFIX + "/events";

    private static final Logger log = LoggerFactory.getLogger(EventsResource.class);

    private final EventCodec codec;
    private final RegistrationStore registrations;
    private final ConnectorStore connectors;
    private final ClusterReportStore reports;
    private final Duration maxFuture;
    private final Clock clock;
    private final IngestScrubber scrubber;

    EventsResource(EventCodec codec, RegistrationStore registrations, ConnectorStore connectors,
                   ClusterReportStore reports, Duration maxFuture, Clock clock, IngestScrubber scrubber) {
        this.codec = codec;
        this.scrubber = scrubber;
        this.registrations = registrations;
        this.connectors = connectors;
        this.reports = reports;
        this.maxFuture = maxFuture;
        this.clock = clock;
    }

    ApiResponse ingest(Call call) {
        List<MetadataEvent> events = decode(call.body());
        refuseFutureEvents(events);
        ConnectorStore.ApplyResult result = apply(scrubber.scrub(events), call.caller());
        log.debug("event batch: {} applied, {} ignored", result.applied(), result.ignored());
        return ApiResponse.noContent();
    }

    private void refuseFutureEvents(List<MetadataEvent> events) {
        Instant now = clock.instant();
        Instant limit = now.plus(maxFuture);
        for (int i = 0; i < events.size(); i++) {
            MetadataEvent event = events.get(i);
            if (event.time().isAfter(limit)) {
                throw UsmApiException.badRequest("event [" + i + "] (worker " + event.workerId() + ") is dated "
                        + event.time() + ", more than " + maxFuture.toSeconds() + " s after the endpoint's clock ("
                        + now + "); the whole batch is refused: check the worker's clock");
            }
        }
    }

    private ConnectorStore.ApplyResult apply(List<MetadataEvent> events, Principal caller) {
        KeyScope scope = caller.scope();
        Map<ClusterRef, List<MetadataEvent>> byCluster = new LinkedHashMap<>();
        for (MetadataEvent event : events) {
            byCluster.computeIfAbsent(event.cluster(), k -> new ArrayList<>()).add(event);
        }
        Map<String, List<MetadataEvent>> byRegistration = new LinkedHashMap<>();
        List<ClusterRef> unregistered = new ArrayList<>();
        List<ClusterRef> outsideScope = new ArrayList<>();
        for (Map.Entry<ClusterRef, List<MetadataEvent>> entry : byCluster.entrySet()) {
            ClusterRef cluster = entry.getKey();
            List<ConnectCluster> regs = registrations.registrationsOf(cluster);
            List<ConnectCluster> writable = regs.stream()
                    .filter(r -> scope.allows(r.environment(), cluster.connectClusterId())).toList();
            if (!scope.allowsCluster(cluster.connectClusterId())) {
                outsideScope.add(cluster);
            } else if (regs.isEmpty()) {
                unregistered.add(cluster);
            } else if (writable.isEmpty()) {
                outsideScope.add(cluster);
            }
            writable.forEach(r -> byRegistration.put(r.id(), entry.getValue()));
        }
        if (!outsideScope.isEmpty()) {
            throw new OutsideKeyScopeException(outsideScope, scope);
        }
        if (!unregistered.isEmpty()) {
            throw new ClusterNotRegisteredException(unregistered);
        }
        try {
            ConnectorStore.ApplyResult result = connectors.apply(byRegistration);
            reports.heard(newestEvents(byRegistration), caller.key(), clock.instant());
            return result;
        } catch (StoreException e) {
            // A deregistration raced this batch: answer as if it had come a moment later.
            if (e.isForeignKeyViolation()) {
                throw new ClusterNotRegisteredException(new ArrayList<>(byCluster.keySet()));
            }
            throw e;
        }
    }

    /** Per registration, the newest event time of its events (the console's "last heard"). */
    private static Map<String, Instant> newestEvents(Map<String, List<MetadataEvent>> byRegistration) {
        Map<String, Instant> out = new LinkedHashMap<>();
        byRegistration.forEach((id, events) -> events.stream().map(MetadataEvent::time).max(Instant::compareTo)
                .ifPresent(newest -> out.put(id, newest)));
        return out;
    }

    private List<MetadataEvent> decode(byte[] body) {
        try {
            return codec.decodeBatch(body);
        } catch (EventDecodingException e) {
            if (e.kind() == EventDecodingException.Kind.LIMIT_EXCEEDED) {
                throw UsmApiException.tooLarge("event batch exceeds a limit: " + e.getMessage());
            }
            throw UsmApiException.badRequest("malformed event batch: " + e.getMessage());
        }
    }
}
