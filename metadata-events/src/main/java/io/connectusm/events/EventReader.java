package io.connectusm.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the tree of one event, as {@link Shape} read it, into a {@link MetadataEvent}, checking every rule
 * of the contract in an order that makes the first failure the most useful one: envelope attributes, then
 * their agreement with each other, then the CloudEvents SDK's own reading of the event, then the payload.
 * Thread-safe: it only holds the shared, thread-safe {@link ObjectMapper}.
 */
final class EventReader {

    // As strict as the CloudEvents SDK, which reads data as JSON only for this spelling (plus parameters).
    static final String SOURCE_MISMATCH =
            "does not match kafkaclusterid and connectclusterid: expected /connect/{kafkaclusterid}/{connectclusterid}";
    static final String NOT_A_CONTRACT_EVENT = "is not a valid event of the contract";
    static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/json(;.*)?");
    static final String KNOWN_TYPES = Arrays.stream(EventType.values())
            .map(EventType::ceType).collect(Collectors.joining(", "));

    private final ObjectMapper mapper;

    EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param tree the event as read by {@link Envelope#SHAPE}
     * @param path where the event sits in the document
     * @throws EventDecodingException naming the first field at fault
     */
    MetadataEvent read(JsonNode tree, FieldPath path) {
        try {
            return readChecked(tree, path);
        } catch (EventDecodingException e) {
            throw e;
        } catch (RuntimeException e) {
            // Every rule is checked above with a precise message; this only keeps decoding total should one
            // be missed. No cause: a library's message may quote the input.
            throw EventDecodingException.malformed(path, NOT_A_CONTRACT_EVENT);
        }
    }

    private MetadataEvent readChecked(JsonNode tree, FieldPath path) {
        NodeReader envelope = NodeReader.object(tree, path);
        if (!Envelope.SPEC_VERSION_1.equals(envelope.requiredString(Envelope.SPECVERSION))) {
            throw EventDecodingException.malformed(envelope.path(Envelope.SPECVERSION), "expected \"1.0\"");
        }
        envelope.requiredString(Envelope.ID);
        String source = envelope.requiredString(Envelope.SOURCE);
        EventType type = EventType.fromCeType(envelope.requiredString(Envelope.TYPE));
        if (type == null) {
            throw EventDecodingException.malformed(envelope.path(Envelope.TYPE), "expected one of " + KNOWN_TYPES);
        }
        envelope.requiredTime(Envelope.TIME);
        String subject = envelope.optionalString(Envelope.SUBJECT);
        String contentType = envelope.optionalString(Envelope.DATACONTENTTYPE);
        if (contentType != null && !JSON_MEDIA_TYPE.matcher(contentType).matches()) {
            throw EventDecodingException.malformed(envelope.path(Envelope.DATACONTENTTYPE), "expected application/json");
        }
        ClusterRef cluster = new ClusterRef(
                envelope.requiredString(Envelope.KAFKA_CLUSTER_ID), envelope.requiredString(Envelope.CONNECT_CLUSTER_ID));
        String workerId = envelope.requiredString(Envelope.WORKER_ID);
        long epoch = envelope.requiredCount(Envelope.EPOCH);
        long sequence = envelope.requiredCount(Envelope.SEQUENCE);
        if (!source.equals(cluster.source())) {
            throw EventDecodingException.malformed(envelope.path(Envelope.SOURCE), SOURCE_MISMATCH);
        }
        envelope.requiredObject(Envelope.DATA);

        CloudEvent cloudEvent = conformingCloudEvent(tree, path, epoch, sequence);
        NodeReader data = NodeReader.object(((JsonCloudEventData) cloudEvent.getData()).getNode(), path.field(Envelope.DATA));
        EventPayload payload = PayloadFormats.of(type).read(data);

        String expectedSubject = MetadataEvent.subjectOf(payload);
        if (expectedSubject == null ? subject != null : !expectedSubject.equals(subject)) {
            throw EventDecodingException.malformed(envelope.path(Envelope.SUBJECT), wrongSubject(type, expectedSubject));
        }
        return new MetadataEvent(cloudEvent.getId(), cluster, workerId, Instant.ofEpochMilli(epoch), sequence,
                cloudEvent.getTime().toInstant(), subject, payload);
    }

    /** The complaint about a subject that is not {@code expectedSubject} (which is {@code null} when none belongs). */
    static String wrongSubject(EventType type, String expectedSubject) {
        return expectedSubject == null ? "must be absent for " + type.ceType() : "must be " + MetadataEvent.subjectRule(type);
    }

    /**
     * Has the CloudEvents SDK read the event, so what we accept is a CloudEvent by the SDK's standard too.
     * It is given only the attributes the contract uses (others are ignored, not its business to refuse),
     * with {@code epoch} and {@code sequence} as strings: the SDK refuses integers beyond 32 bits, which
     * this decoder accepts from emitters that write them as JSON numbers.
     */
    private CloudEvent conformingCloudEvent(JsonNode tree, FieldPath path, long epoch, long sequence) {
        ObjectNode known = mapper.createObjectNode();
        for (String name : new String[] {Envelope.SPECVERSION, Envelope.ID, Envelope.SOURCE, Envelope.TYPE,
                Envelope.SUBJECT, Envelope.TIME, Envelope.DATACONTENTTYPE, Envelope.KAFKA_CLUSTER_ID,
                Envelope.CONNECT_CLUSTER_ID, Envelope.WORKER_ID, Envelope.DATA}) {
            JsonNode value = tree.get(name);
            if (value != null && !value.isNull()) {
                known.set(name, value);
            }
        }
        known.put(Envelope.EPOCH, Long.toString(epoch));
        known.put(Envelope.SEQUENCE, Long.toString(sequence));
        try {
            CloudEvent cloudEvent = mapper.treeToValue(known, CloudEvent.class);
            if (cloudEvent.getTime() == null || !(cloudEvent.getData() instanceof JsonCloudEventData)) {
                throw EventDecodingException.malformed(path, "is not a CloudEvents 1.0 event with JSON data");
            }
            return cloudEvent;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof EventDecodingException) {
                throw (EventDecodingException) e;
            }
            // No cause attached: the SDK's messages quote attribute values.
            throw EventDecodingException.malformed(path, "is not a valid CloudEvents 1.0 event");
        }
    }
}
