package io.connectusm.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Encodes {@link MetadataEvent}s as CloudEvents 1.0 in JSON structured mode and decodes them back: a single
 * event is {@value MediaTypes#CLOUDEVENTS_JSON}, a batch is a JSON array, {@value MediaTypes#CLOUDEVENTS_BATCH_JSON}.
 * The envelope is read by the CloudEvents SDK ({@code cloudevents-core}, {@code cloudevents-json-jackson}) and
 * written straight to Jackson's generator in the SDK's own form ({@link EventWriter}: the same bytes, without the
 * SDK's objects and a tree per event); {@code data} is the payload as a JSON object with snake_case fields
 * ({@code datacontenttype: application/json}).
 * The mapping of each attribute is on {@link MetadataEvent}; the JSON of each payload is in
 * {@code docs/metadata-events.md} and in the JSON Schemas under {@code /schema/} on the classpath.
 *
 * <p>Decoding is strict about the contract and total: any input yields events or an
 * {@link EventDecodingException} that names the field at fault, never another exception, and never a
 * message that repeats a value from the input. It enforces {@link EventLimits} while streaming, the
 * masking invariant (a key in {@code masked_keys} carries only {@link ConnectorSnapshot#MASKED_VALUE}),
 * that {@code config_fingerprint} matches the config, that {@code source} agrees with the
 * {@code kafkaclusterid} and {@code connectclusterid} extensions, and that {@code subject} is the one the
 * payload calls for. It ignores attributes and fields it does not know, so a newer emitter can add them.
 *
 * <p>Encoding refuses, with {@link IllegalArgumentException} naming the field, what decoding would refuse:
 * strings, collections, batches or documents over the limits, and strings that are not well-formed Unicode.
 *
 * <p>Thread-safe and meant to be shared: create one per process (it holds one {@link ObjectMapper}, whose
 * set-up is the costly part) and use it from any thread. No resources to close.
 */
public final class EventCodec {


    private final ObjectMapper mapper = WireJson.newMapper();
    private final EventWriter eventWriter = new EventWriter();
    /** A buffer to write the next document into, when no other caller has it (then the caller makes its own). */
    private final AtomicReference<EncodeBuffer> spareBuffer = new AtomicReference<>();
    private final DocumentReader documentReader = new DocumentReader(new EventReader(mapper));

    /** Creates a codec. Reuse it: see the class comment. */
    public EventCodec() {
    }

    /**
     * Encodes one event ({@value MediaTypes#CLOUDEVENTS_JSON}).
     *
     * @throws IllegalArgumentException if the event is over a limit of {@link EventLimits}
     */
    public byte[] encode(MetadataEvent event) {
        Objects.requireNonNull(event, "event");
        return write(List.of(event), false);
    }

    /**
     * Encodes a batch as a JSON array ({@value MediaTypes#CLOUDEVENTS_BATCH_JSON}).
     *
     * @throws IllegalArgumentException if there are more than {@link EventLimits#MAX_EVENTS_PER_BATCH} events, if
     *                                  one is over a limit, or if the batch would be longer than
     *                                  {@link EventLimits#MAX_DOCUMENT_BYTES}: send fewer events per batch
     */
    public byte[] encodeBatch(List<MetadataEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.size() > EventLimits.MAX_EVENTS_PER_BATCH) {
            throw new IllegalArgumentException("a batch holds at most EventLimits.MAX_EVENTS_PER_BATCH ("
                    + EventLimits.MAX_EVENTS_PER_BATCH + ") events, not " + events.size());
        }
        return write(events, true);
    }

    /**
     * Decodes one event.
     *
     * @throws EventDecodingException if {@code json} is not exactly one valid event
     */
    public MetadataEvent decode(byte[] json) {
        requireWithinDocumentLimit(json);
        try (JsonParser parser = mapper.createParser(json)) {
            return documentReader.readOne(parser);
        } catch (IOException e) {
            // An array in memory cannot fail to be read; DocumentReader reports what it contains.
            throw EventDecodingException.malformed(FieldPath.root(), "cannot be read as JSON");
        }
    }

    /**
     * Decodes a batch: a JSON array of events, possibly empty.
     *
     * @return the events, in the order of the array
     * @throws EventDecodingException if {@code json} is not a valid batch; the first fault found is reported
     */
    public List<MetadataEvent> decodeBatch(byte[] json) {
        requireWithinDocumentLimit(json);
        try (JsonParser parser = mapper.createParser(json)) {
            return documentReader.readBatch(parser);
        } catch (IOException e) {
            throw EventDecodingException.malformed(FieldPath.root(), "cannot be read as JSON");
        }
    }

    /**
     * Decodes a batch from a stream, reading it to its end, one event at a time: a batch over a limit is
     * refused as soon as the limit is passed, without reading or building the rest. The stream is not
     * closed: the caller owns it.
     *
     * @throws EventDecodingException if the content is not a valid batch
     * @throws IOException            if reading the stream fails
     */
    public List<MetadataEvent> decodeBatch(InputStream json) throws IOException {
        Objects.requireNonNull(json, "json");
        try (JsonParser parser = mapper.createParser(json)) {
            return documentReader.readBatch(parser);
        }
    }

    static void requireWithinDocumentLimit(byte[] json) {
        Objects.requireNonNull(json, "json");
        // Jackson only counts the length of input it reads in chunks, not of an array handed over whole.
        if (json.length > EventLimits.MAX_DOCUMENT_BYTES) {
            throw EventDecodingException.limitExceeded(FieldPath.root(),
                    "is longer than EventLimits.MAX_DOCUMENT_BYTES (" + EventLimits.MAX_DOCUMENT_BYTES + ") bytes");
        }
    }

    private static byte[] withinDocumentLimit(byte[] json) {
        if (json.length > EventLimits.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("the encoded document would be longer than EventLimits.MAX_DOCUMENT_BYTES ("
                    + EventLimits.MAX_DOCUMENT_BYTES + ") bytes; send fewer events per batch");
        }
        return json;
    }

    private byte[] write(List<MetadataEvent> events, boolean asBatch) {
        EncodeBuffer taken = spareBuffer.getAndSet(null);
        EncodeBuffer out = taken != null ? taken : new EncodeBuffer();
        try {
            try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                if (asBatch) {
                    json.writeStartArray();
                }
                int index = 0;
                for (MetadataEvent event : events) {
                    Objects.requireNonNull(event, "event");
                    eventWriter.write(event, asBatch ? FieldPath.root().index(index++) : FieldPath.root(), json);
                }
                if (asBatch) {
                    json.writeEndArray();
                }
            } catch (IOException e) {
                // Writing strings to memory does not fail; if it ever does, it is a bug here.
                throw new UncheckedIOException("could not write an event as JSON", e);
            }
            return withinDocumentLimit(out.toByteArray());
        } finally {
            out.reset();
            if (out.worthKeeping()) {
                spareBuffer.set(out);
            }
        }
    }
}
