package io.connectusm.endpoint.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
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
 * {@link ConnectorStore} of every registration of that cluster. Thread-safe.
 */
final class EventsResource {

    static final String PATH = UsmV1Api.PREFIX + "/events";

    private static final Logger log = LoggerFactory.getLogger(EventsResource.class);

    private final EventCodec codec;
    private final RegistrationStore registrations;
    private final ConnectorStore connectors;

    EventsResource(EventCodec codec, RegistrationStore registrations, ConnectorStore connectors) {
        this.codec = codec;
        this.registrations = registrations;
        this.connectors = connectors;
    }

    ApiResponse ingest(Call call) {
        ConnectorStore.ApplyResult result = apply(decode(call.body()));
        log.debug("event batch: {} applied, {} ignored", result.applied(), result.ignored());
        return ApiResponse.noContent();
    }

    private ConnectorStore.ApplyResult apply(List<MetadataEvent> events) {
        Map<ClusterRef, List<MetadataEvent>> byCluster = new LinkedHashMap<>();
        for (MetadataEvent event : events) {
            byCluster.computeIfAbsent(event.cluster(), k -> new ArrayList<>()).add(event);
        }
        Map<String, List<MetadataEvent>> byRegistration = new LinkedHashMap<>();
        List<ClusterRef> unregistered = new ArrayList<>();
        for (Map.Entry<ClusterRef, List<MetadataEvent>> entry : byCluster.entrySet()) {
            List<ConnectCluster> regs = registrations.registrationsOf(entry.getKey());
            if (regs.isEmpty()) {
                unregistered.add(entry.getKey());
            }
            regs.forEach(r -> byRegistration.put(r.id(), entry.getValue()));
        }
        if (!unregistered.isEmpty()) {
            throw new ClusterNotRegisteredException(unregistered);
        }
        try {
            return connectors.apply(byRegistration);
        } catch (StoreException e) {
            // A deregistration raced this batch: answer as if it had come a moment later.
            if (e.isForeignKeyViolation()) {
                throw new ClusterNotRegisteredException(new ArrayList<>(byCluster.keySet()));
            }
            throw e;
        }
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
