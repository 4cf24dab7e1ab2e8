package io.connectusm.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventDecodingException;
import io.connectusm.events.MetadataEvent;

/**
 * {@code POST /usm/v1/events}: decodes a CloudEvents batch, checks that every Connect cluster it names is
 * registered (else the whole batch is rejected, listing the unregistered clusters) and applies it to the
 * {@link ConnectorStore} of every registration of that cluster. Thread-safe.
 */
final class EventIngest {

    private final EventCodec codec;
    private final RegistrationStore registrations;
    private final ConnectorStore connectors;

    EventIngest(EventCodec codec, RegistrationStore registrations, ConnectorStore connectors) {
        this.codec = codec;
        this.registrations = registrations;
        this.connectors = connectors;
    }

    ConnectorStore.ApplyResult ingest(byte[] body) {
        List<MetadataEvent> events = decode(body);
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
