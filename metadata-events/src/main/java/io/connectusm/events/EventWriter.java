package io.connectusm.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link MetadataEvent} into the SDK's {@link CloudEvent}, after checking that every string and
 * collection is within {@link EventLimits}, so the codec never writes what it would refuse to read.
 * Stateless and thread-safe.
 */
final class EventWriter {

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param path where the event sits in the document, for messages
     * @throws IllegalArgumentException naming the field that is over a limit or not well-formed Unicode
     */
    CloudEvent toCloudEvent(MetadataEvent event, FieldPath path) {
        PayloadFormat format = PayloadFormats.of(event.type());
        ObjectNode data = format.write(event.payload(), nodes);
        format.shape().check(data, path.field(Envelope.DATA));

        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put(Envelope.KAFKA_CLUSTER_ID, event.cluster().kafkaClusterId());
        extensions.put(Envelope.CONNECT_CLUSTER_ID, event.cluster().connectClusterId());
        extensions.put(Envelope.WORKER_ID, event.workerId());
        // CloudEvents integers are 32-bit: epoch milliseconds and a long-lived sequence need strings.
        extensions.put(Envelope.EPOCH, Long.toString(event.epoch().toEpochMilli()));
        extensions.put(Envelope.SEQUENCE, Long.toString(event.sequence()));

        Map<String, String> strings = new LinkedHashMap<>(extensions);
        strings.put(Envelope.ID, event.id());
        strings.put(Envelope.SOURCE, event.cluster().source());
        if (event.subject() != null) {
            strings.put(Envelope.SUBJECT, event.subject());
        }
        strings.forEach((name, value) -> Shape.SCALAR.check(nodes.textNode(value), path.field(name)));

        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.cluster().source()))
                .withType(event.type().ceType())
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withData(Envelope.DATA_CONTENT_TYPE, JsonCloudEventData.wrap(data));
        extensions.forEach(builder::withExtension);
        return builder.build();
    }
}
