package io.connectusm.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole document, a batch or a single event, from a parser: streams a batch one event at a time,
 * stops at the first event past {@link EventLimits#MAX_EVENTS_PER_BATCH} before reading it, and turns
 * everything the parser can throw about the content into an {@link EventDecodingException} at the path
 * where it stopped. Thread-safe: it holds only the thread-safe {@link EventReader}; each call has its own parser.
 */
final class DocumentReader {

    private final EventReader events;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    DocumentReader(EventReader events) {
        this.events = events;
    }

    /**
     * @throws IOException only when reading the underlying stream fails, never for what it contains
     */
    List<MetadataEvent> readBatch(JsonParser parser) throws IOException {
        return readBatch(parser, path -> events.read(Envelope.SHAPE.read(parser, path, nodes), path));
    }

    /** Reads one event of a batch, whose first token is the parser's current one, at {@code path}. */
    interface EventAt<T> {
        T read(FieldPath path) throws IOException;
    }

    /**
     * Reads a batch with {@code event} for each element, one at a time, refusing the element past
     * {@link EventLimits#MAX_EVENTS_PER_BATCH} before reading it, and translating what the parser throws (shared by
     * the codec and {@link EventScanner}).
     *
     * @throws IOException only when reading the underlying stream fails, never for what it contains
     */
    static <T> List<T> readBatch(JsonParser parser, EventAt<T> event) throws IOException {
        try {
            FieldPath root = FieldPath.root();
            expectStart(parser, JsonToken.START_ARRAY, "a JSON array of events");
            List<T> batch = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw EventDecodingException.malformed(root, "ends before the array is closed");
                }
                if (batch.size() == EventLimits.MAX_EVENTS_PER_BATCH) {
                    throw EventDecodingException.limitExceeded(root, "has more than "
                            + EventLimits.MAX_EVENTS_PER_BATCH + " events (EventLimits.MAX_EVENTS_PER_BATCH)");
                }
                batch.add(event.read(root.index(batch.size())));
            }
            expectEnd(parser);
            return batch;
        } catch (RuntimeException | IOException e) {
            throw translate(e, parser);
        }
    }

    /** @throws IOException only when reading the underlying stream fails */
    MetadataEvent readOne(JsonParser parser) throws IOException {
        try {
            expectStart(parser, JsonToken.START_OBJECT, "a JSON object (one event)");
            JsonNode tree = Envelope.SHAPE.read(parser, FieldPath.root(), nodes);
            MetadataEvent event = events.read(tree, FieldPath.root());
            expectEnd(parser);
            return event;
        } catch (RuntimeException | IOException e) {
            throw translate(e, parser);
        }
    }

    static void expectStart(JsonParser parser, JsonToken start, String expected) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != start) {
            throw EventDecodingException.malformed(FieldPath.root(), "expected " + expected
                    + (token == null ? ", found no content" : ""));
        }
    }

    static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw EventDecodingException.malformed(FieldPath.root(), "has content after the end of the document");
        }
    }

    /**
     * Rethrows the failure of a read as what the caller may see: the decoding exception itself, an I/O
     * failure of the stream as is, and anything else as an {@link EventDecodingException} without cause,
     * since parser messages quote the input.
     */
    static IOException translate(Exception failure, JsonParser parser) {
        if (failure instanceof EventDecodingException) {
            throw (EventDecodingException) failure;
        }
        FieldPath at = FieldPath.of(parser.getParsingContext());
        if (failure instanceof StreamConstraintsException) {
            String message = String.valueOf(((StreamConstraintsException) failure).getOriginalMessage());
            if (message.startsWith("Document length")) {
                throw EventDecodingException.limitExceeded(FieldPath.root(), "is longer than EventLimits.MAX_DOCUMENT_BYTES ("
                        + EventLimits.MAX_DOCUMENT_BYTES + ") bytes");
            }
            throw EventDecodingException.limitExceeded(at, describeLimit(message));
        }
        FieldPath container = FieldPath.containerOf(parser.getParsingContext());
        if (failure instanceof JsonProcessingException) {
            throw EventDecodingException.malformed(container,
                    "is not valid JSON" + where(((JsonProcessingException) failure).getLocation()));
        }
        if (failure instanceof CharConversionException) {
            throw EventDecodingException.malformed(container, "is not in a Unicode encoding JSON allows");
        }
        if (failure instanceof IOException) {
            return (IOException) failure;
        }
        throw EventDecodingException.malformed(container, "cannot be read as JSON");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    // Jackson's messages for these hold only numbers, but its wording names its own classes; say it in ours.
    private static String describeLimit(String message) {
        if (message.startsWith("String value length")) {
            return "has a string longer than EventLimits.MAX_STRING_CHARS (" + EventLimits.MAX_STRING_CHARS + ") characters";
        }
        if (message.startsWith("Document nesting depth")) {
            return "is nested deeper than EventLimits.MAX_NESTING_DEPTH (" + EventLimits.MAX_NESTING_DEPTH + ")";
        }
        if (message.startsWith("Name length")) {
            return "has a key longer than EventLimits.MAX_KEY_CHARS (" + EventLimits.MAX_KEY_CHARS + ") characters";
        }
        if (message.startsWith("Number value length")) {
            return "has a number with too many digits";
        }
        return "exceeds a size limit of the parser";
    }
}
