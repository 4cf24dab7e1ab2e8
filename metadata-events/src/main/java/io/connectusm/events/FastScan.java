package io.connectusm.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fast path of {@link EventScanner}: the document read by {@link JsonBytes} and {@link FastFields} instead of
 * Jackson, each event then checked by the same {@link ScanChecks}. It answers only when it is certain — when the
 * whole document is in the forms it reads and every event passes every rule — and then with exactly the events the
 * exact path ({@link ScannedFields} over Jackson) returns: the same slots filled with the same values, checked by the
 * same code. Otherwise it returns {@code null} and the caller runs the exact path, whose verdict and message hold;
 * so refusals never come from here.
 *
 * <p>Why it pays: Jackson's strict duplicate detection keeps a hash set per object, and its general machinery
 * (symbol tables, text buffers, locations) costs more per value than one pass over bytes known to be simple.
 *
 * <p>Stateless; each call has its own cursor.
 */
final class FastScan {

    private FastScan() {
    }

    /**
     * The events of a batch, or {@code null} where the exact path must decide.
     *
     * @param inspector as {@link EventScanner#scanBatch(byte[], Predicate)}; {@code null} for none
     */
    static List<ScannedEvent> batch(byte[] document, Predicate<String> inspector) {
        try {
            JsonBytes json = new JsonBytes(document);
            FastFields fields = new FastFields(json, inspector);
            List<ScannedEvent> events = new ArrayList<>();
            FieldPath root = FieldPath.root();
            for (boolean more = json.openArray(); more; more = json.nextItem()) {
                if (events.size() == EventLimits.MAX_EVENTS_PER_BATCH || json.current() != '{') {
                    return null;
                }
                FieldPath path = root.index(events.size());
                events.add(ScanChecks.check(fields.read(path), path, document));
            }
            return json.atEnd() ? events : null;
        } catch (NotFast | EventDecodingException e) {
            return null;
        }
    }

    /** One event ({@link EventScanner#scan}), or {@code null} where the exact path must decide. */
    static ScannedEvent one(byte[] document) {
        try {
            JsonBytes json = new JsonBytes(document);
            if (json.peek() != '{') {
                return null;
            }
            ScannedEvent event = ScanChecks.check(new FastFields(json, null).read(FieldPath.root()), FieldPath.root(),
                    document);
            return json.atEnd() ? event : null;
        } catch (NotFast | EventDecodingException e) {
            return null;
        }
    }
}
