package io.connectusm.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Validates a batch (or one event) of the wire contract in one streaming pass over its bytes, without building the
 * events: for a receiver that stores and forwards what it was sent — the agent — and needs only the envelope (to
 * route, check identity and coalesce), a {@link StateDigest} (to deduplicate) and each event's own bytes (to store
 * and forward as they came).
 *
 * <p><b>As strict as {@link EventCodec}</b>: it accepts exactly the documents {@link EventCodec#decodeBatch} (and
 * {@link EventCodec#decode}) accepts and refuses the others with the same {@link EventDecodingException} — the same
 * kind, the same field, the same message — because it reads with the same parser settings, the same outline and
 * limits, and the same rules of each value, checked in the same order ({@link ScannedFields}, then
 * {@link ScanChecks}). An event it returns, sent on as its bytes, decodes at the next hop to what the emitter meant.
 * The tests hold both to the same corpus and to each other on generated and mutated input.
 *
 * <p><b>Its bytes</b>: a {@link ScannedEvent} is a slice of the input, from its {@code {} to its {@code }}. A document in
 * UTF-16 or UTF-32 (which JSON allows and Jackson reads) has no UTF-8 slices: it is decoded by {@link EventCodec}, so
 * errors are the codec's, and re-encoded (UTF-8, the codec's own layout) before it is scanned.
 *
 * <p><b>An inspector</b> ({@link #scanBatch(byte[], Predicate)}) sees every string of every event that can carry
 * text out, in the same pass: values, map keys, and the strings of fields the contract does not know (which travel on
 * in the bytes); not the values the event's type holds to a fixed format (enums, counts, {@code time}, fingerprints:
 * an event where one is not of its format is refused), nor a topic name. An event is {@link ScannedEvent#flagged()}
 * when the inspector said yes to one of its strings. This is where a second-line secret scan fits without a second
 * pass over the bytes.
 *
 * <p><b>Two paths, one verdict</b>: a document is first read by {@link FastScan}, a tokenizer over the bytes for the
 * forms emitters send, which fills the same fields and runs the same checks; where it is not certain (any other form,
 * a duplicate, a limit, a rule that fails) it gives up and the exact path described above reads the whole document
 * with Jackson, so every refusal and its message come from there. The tests run every input through both.
 *
 * <p>Thread-safe and meant to be shared: one per process (it holds a configured {@link JsonFactory}).
 */
public final class EventScanner {

    private final JsonFactory factory = WireJson.newMapper().getFactory();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private volatile EventCodec codec;

    /** Creates a scanner. Reuse it. */
    public EventScanner() {
    }

    /**
     * Validates a batch: a JSON array of events, possibly empty.
     *
     * @return the events, in the order of the array
     * @throws EventDecodingException if {@code json} is not a valid batch, exactly as {@link EventCodec#decodeBatch}
     */
    public List<ScannedEvent> scanBatch(byte[] json) {
        return scanBatch(json, null);
    }

    /**
     * {@link #scanBatch(byte[])}, showing every string of every event to {@code inspector} (called on this thread;
     * it must not keep or log the strings: they may be secrets an emitter failed to mask). Its answer must depend on
     * the string alone: a string equal to one it has just cleared in the same batch may not be shown again.
     *
     * @param inspector says whether a string needs its event looked at again; {@code null} for none
     */
    public List<ScannedEvent> scanBatch(byte[] json, Predicate<String> inspector) {
        EventCodec.requireWithinDocumentLimit(json);
        List<ScannedEvent> fast = fast(() -> FastScan.batch(json, inspector));
        return fast != null ? fast : exactBatch(json, inspector);
    }

    /** {@link #scanBatch(byte[], Predicate)} the exact way, over Jackson, whatever the fast path would say. */
    List<ScannedEvent> exactBatch(byte[] json, Predicate<String> inspector) {
        EventCodec.requireWithinDocumentLimit(json);
        try (JsonParser parser = factory.createParser(json)) {
            if (!(parser instanceof UTF8StreamJsonParser)) {
                return exactBatch(transcoded(json, true), inspector);
            }
            return readBatch(parser, json, inspector);
        } catch (IOException e) {
            throw EventDecodingException.malformed(FieldPath.root(), "cannot be read as JSON");
        }
    }

    /**
     * Validates one event ({@value MediaTypes#CLOUDEVENTS_JSON}).
     *
     * @throws EventDecodingException if {@code json} is not exactly one valid event, exactly as {@link EventCodec#decode}
     */
    public ScannedEvent scan(byte[] json) {
        EventCodec.requireWithinDocumentLimit(json);
        ScannedEvent fast = fast(() -> FastScan.one(json));
        return fast != null ? fast : exact(json);
    }

    /** {@link #scan(byte[])} the exact way, over Jackson, whatever the fast path would say. */
    ScannedEvent exact(byte[] json) {
        EventCodec.requireWithinDocumentLimit(json);
        try (JsonParser parser = factory.createParser(json)) {
            if (!(parser instanceof UTF8StreamJsonParser)) {
                return exact(transcoded(json, false));
            }
            try {
                DocumentReader.expectStart(parser, JsonToken.START_OBJECT, "a JSON object (one event)");
                ScannedEvent event = readEvent(parser, json, FieldPath.root(), null);
                DocumentReader.expectEnd(parser);
                return event;
            } catch (RuntimeException | IOException e) {
                throw DocumentReader.translate(e, parser);
            }
        } catch (IOException e) {
            throw EventDecodingException.malformed(FieldPath.root(), "cannot be read as JSON");
        }
    }

    /**
     * What the fast path answers; {@code null} also if it failed in a way it should not (a bug there must cost speed,
     * never a verdict: the exact path then decides).
     */
    private static <T> T fast(java.util.function.Supplier<T> path) {
        try {
            return path.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** As {@code DocumentReader.readBatch}, one event at a time, the batch limit before each. */
    private List<ScannedEvent> readBatch(JsonParser parser, byte[] json, Predicate<String> inspector) throws IOException {
        return DocumentReader.readBatch(parser, path -> readEvent(parser, json, path, inspector));
    }

    private ScannedEvent readEvent(JsonParser parser, byte[] json, FieldPath path, Predicate<String> inspector)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            // As Envelope.SHAPE reads a non-object: a placeholder, refused as "expected an object".
            NodeReader.object(Shape.SCALAR.read(parser, path, nodes), path);
        }
        return ScanChecks.check(ScannedFields.read(parser, path, inspector), path, json);
    }

    /**
     * A document in another Unicode encoding than UTF-8, decoded by the codec (its errors are the codec's) and
     * encoded again in UTF-8.
     */
    private byte[] transcoded(byte[] json, boolean batch) {
        EventCodec decoder = codec;
        if (decoder == null) {
            decoder = new EventCodec();
            codec = decoder;
        }
        try {
            return batch ? decoder.encodeBatch(decoder.decodeBatch(json)) : decoder.encode(decoder.decode(json));
        } catch (IllegalArgumentException e) {
            throw EventDecodingException.limitExceeded(FieldPath.root(), "is longer than EventLimits.MAX_DOCUMENT_BYTES ("
                    + EventLimits.MAX_DOCUMENT_BYTES + ") bytes once encoded in UTF-8");
        }
    }
}
