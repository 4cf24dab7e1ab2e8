package io.connectusm.events;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON object of the contract straight to a {@link JsonGenerator}, field by field, checking as it goes
 * what a reader would refuse: every string and key ({@link Shape#stringProblem}, {@link Shape#keyProblem}) and the
 * size of every collection, whose limit it takes from the object's {@link Shape.Fields outline} — the same outline
 * the reader applies, so a limit cannot be enforced on one side only. A fault is an {@link IllegalArgumentException}
 * that names the field ({@code data.config: …}) and never the value; the first fault in writing order is reported.
 *
 * <p>Why not a tree: building an {@code ObjectNode} per event and letting Jackson write it cost ~11 KB of garbage
 * per 2.4 KB snapshot (a map entry and a node per value, a path per checked node); a worker re-sending 5,000
 * connectors per resync interval pays that on every one. The {@link FieldPath} of a fault is built only when
 * there is one; the paths of nested objects are built as they are entered (a handful per event).
 *
 * <p>Not thread-safe: one per document being written.
 */
final class DataWriter {

    /** Writes the fields of one item of an array of objects. */
    @FunctionalInterface
    interface ItemWriter<T> {
        void write(T item, DataWriter out) throws IOException;
    }

    private final JsonGenerator json;
    private Shape.Fields shape;
    private FieldPath path;

    DataWriter(JsonGenerator json) {
        this.json = json;
    }

    /** Writes {@code payload} as the object {@code data} at {@code path}, with {@code format}'s fields. */
    void writeData(PayloadFormat format, EventPayload payload, FieldPath path) throws IOException {
        Shape.Fields outerShape = this.shape;
        FieldPath outerPath = this.path;
        this.shape = format.shape();
        this.path = path;
        json.writeStartObject();
        format.write(payload, this);
        json.writeEndObject();
        this.shape = outerShape;
        this.path = outerPath;
    }

    /** A string field; {@code value} must not be {@code null} (use {@link #optionalString}). */
    void string(String name, String value) throws IOException {
        String problem = Shape.stringProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(path.field(name) + ": " + problem);
        }
        json.writeStringField(name, value);
    }

    /** A string field left out when {@code value} is {@code null}. */
    void optionalString(String name, String value) throws IOException {
        if (value != null) {
            string(name, value);
        }
    }

    /**
     * A field of a fixed format the model itself produced (an enum constant's name, a fingerprint): it cannot be
     * over a limit or hold a lone surrogate, so it is not checked.
     */
    void fixed(String name, String value) throws IOException {
        json.writeStringField(name, value);
    }

    void number(String name, int value) throws IOException {
        json.writeNumberField(name, value);
    }

    /** A boolean field written only when {@code true}: {@code false} is its absence. */
    void flag(String name, boolean value) throws IOException {
        if (value) {
            json.writeBooleanField(name, true);
        }
    }

    /** An object used as a map of strings; a {@code null} value is written as JSON {@code null}. */
    void stringMap(String name, Map<String, String> entries) throws IOException {
        ((Shape.Entries) shape.of(name)).checkSize(entries.size(), path, name);
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String problem = Shape.keyProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException(path.field(name) + ": " + problem);
            }
            String value = entry.getValue();
            if (value == null) {
                json.writeNullField(key);
            } else {
                problem = Shape.stringProblem(value);
                if (problem != null) {
                    throw new IllegalArgumentException(path.field(name).field(key) + ": " + problem);
                }
                json.writeStringField(key, value);
            }
        }
        json.writeEndObject();
    }

    /** An array of strings. */
    void strings(String name, Collection<String> items) throws IOException {
        ((Shape.Items) shape.of(name)).checkSize(items.size(), path, name);
        json.writeArrayFieldStart(name);
        int index = 0;
        for (String item : items) {
            String problem = Shape.stringProblem(item);
            if (problem != null) {
                throw new IllegalArgumentException(path.field(name).index(index) + ": " + problem);
            }
            json.writeString(item);
            index++;
        }
        json.writeEndArray();
    }

    /** An array of objects, each written by {@code each} with the item outline's fields. */
    <T> void objects(String name, List<T> items, ItemWriter<? super T> each) throws IOException {
        Shape.Items outline = (Shape.Items) shape.of(name);
        outline.checkSize(items.size(), path, name);
        Shape.Fields outerShape = shape;
        FieldPath outerPath = path;
        FieldPath arrayPath = path.field(name);
        json.writeArrayFieldStart(name);
        for (int i = 0; i < items.size(); i++) {
            shape = (Shape.Fields) outline.item();
            path = arrayPath.index(i);
            json.writeStartObject();
            each.write(items.get(i), this);
            json.writeEndObject();
        }
        json.writeEndArray();
        shape = outerShape;
        path = outerPath;
    }

    /** A nested object, written by {@code body} with that field's outline. */
    <T> void object(String name, T value, ItemWriter<? super T> body) throws IOException {
        Shape.Fields outerShape = shape;
        FieldPath outerPath = path;
        shape = (Shape.Fields) shape.of(name);
        path = path.field(name);
        json.writeObjectFieldStart(name);
        body.write(value, this);
        json.writeEndObject();
        shape = outerShape;
        path = outerPath;
    }
}
