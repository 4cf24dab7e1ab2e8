package io.connectusm.events;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one {@link MetadataEvent} as a CloudEvent in JSON structured mode straight to a {@link JsonGenerator}: the
 * envelope's attributes, then {@code data} through {@link DataWriter}, checking every string and collection against
 * {@link EventLimits} as it goes, so the codec never writes what it would refuse to read.
 *
 * <p>The bytes are the CloudEvents SDK's: the attributes in the order its serializer writes them (the context
 * attributes, then the extensions in its extension map's order), {@code time} formatted as the SDK formats it
 * ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} at UTC), {@code data} as Jackson writes an object.
 * {@code SdkWriteParityTest} holds it to that: the SDK reads what this wrote and writes back the same bytes. The SDK
 * still reads every event ({@link EventReader}); writing through it built a {@code CloudEvent}, two attribute maps,
 * a {@code URI} and a tree of the payload per event, which a worker re-sending thousands of connectors paid for on
 * every one. Stateless and thread-safe.
 */
final class EventWriter {

    /**
     * @param path where the event sits in the document, for messages
     * @throws IllegalArgumentException naming the field that is over a limit or not well-formed Unicode
     */
    void write(MetadataEvent event, FieldPath path, JsonGenerator json) throws IOException {
        PayloadFormat format = PayloadFormats.of(event.type());
        json.writeStartObject();
        json.writeStringField(Envelope.SPECVERSION, Envelope.SPEC_VERSION_1);
        attribute(json, path, Envelope.ID, event.id());
        attribute(json, path, Envelope.SOURCE, event.cluster().source());
        json.writeStringField(Envelope.TYPE, event.type().ceType());
        json.writeStringField(Envelope.DATACONTENTTYPE, Envelope.DATA_CONTENT_TYPE);
        if (event.subject() != null) {
            attribute(json, path, Envelope.SUBJECT, event.subject());
        }
        json.writeStringField(Envelope.TIME,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time().atOffset(ZoneOffset.UTC)));
        // The extensions in the order the SDK wrote them (its builder keeps them in a HashMap): any order is valid,
        // this one keeps the bytes what they were. CloudEvents integers are 32-bit: epoch milliseconds and a
        // long-lived sequence travel as strings.
        attribute(json, path, Envelope.SEQUENCE, Long.toString(event.sequence()));
        attribute(json, path, Envelope.WORKER_ID, event.workerId());
        attribute(json, path, Envelope.KAFKA_CLUSTER_ID, event.cluster().kafkaClusterId());
        attribute(json, path, Envelope.CONNECT_CLUSTER_ID, event.cluster().connectClusterId());
        attribute(json, path, Envelope.EPOCH, Long.toString(event.epoch().toEpochMilli()));
        json.writeFieldName(Envelope.DATA);
        new DataWriter(json).writeData(format, event.payload(), path.field(Envelope.DATA));
        json.writeEndObject();
    }

    private static void attribute(JsonGenerator json, FieldPath path, String name, String value) throws IOException {
        String problem = Shape.stringProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(path.field(name) + ": " + problem);
        }
        json.writeStringField(name, value);
    }
}
