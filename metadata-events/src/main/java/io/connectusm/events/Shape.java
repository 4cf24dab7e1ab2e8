package io.connectusm.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outline of the JSON the contract uses, with the size limit of every open-ended collection: the one
 * place that {@link EventLimits} are applied, in both directions.
 *
 * <p>Reading ({@link #read}) builds a tree of only what the contract knows, streaming: fields a later
 * version may add are skipped without being built, and a collection is cut off with
 * {@link EventDecodingException.Kind#LIMIT_EXCEEDED} as soon as it holds one entry too many. So the memory a
 * hostile document can claim is bounded by the limits, not by its size. Where the input has another JSON
 * type than expected, the tree keeps a placeholder of that type (a scalar as is, a container empty) and
 * leaves the complaint to {@link NodeReader}, which knows what was expected.
 *
 * <p>Writing: {@link DataWriter} asks the outline for the limits of each collection it writes ({@link Fields#of},
 * {@link Entries#checkSize}, {@link Items#checkSize}) and checks every string with {@link #stringProblem} and
 * {@link #keyProblem}, failing with {@link IllegalArgumentException} where a reader would refuse what it is about to
 * write. Closed: the four nested classes are the only
 * outlines (final classes rather than records, for the worker plugin's Java 11 bytecode). Instances are
 * immutable and thread-safe; equal when they describe the same outline.
 *
 * <p>Longer than ~300 lines for a reason: the outline of the whole contract and both directions (read and write)
 * are kept in one closed hierarchy, so a limit cannot be applied on one side and forgotten on the other.
 */
interface Shape {

    /** Any JSON value the contract reads as a whole: a string, number, boolean or null. */
    Shape SCALAR = new Scalar();

    JsonNode read(JsonParser parser, FieldPath path, JsonNodeFactory nodes) throws IOException;

    /** The message of a key over {@link EventLimits#MAX_KEY_CHARS}, read or checked. */
    String KEY_TOO_LONG = "has a key longer than EventLimits.MAX_KEY_CHARS (" + EventLimits.MAX_KEY_CHARS + ") characters";

    /**
     * What a reader would refuse in a string value about to be written, or {@code null}: too long, or not
     * well-formed Unicode (a lone surrogate has no exact UTF-8 form).
     */
    static String stringProblem(String text) {
        if (text.length() > EventLimits.MAX_STRING_CHARS) {
            return "longer than EventLimits.MAX_STRING_CHARS (" + EventLimits.MAX_STRING_CHARS
                    + ") characters; see EventLimits.truncate";
        }
        return Text.isWellFormed(text) ? null : "not well-formed Unicode (a lone surrogate)";
    }

    /** What a reader would refuse in a key of an object used as a map, or {@code null}. */
    static String keyProblem(String key) {
        if (key.length() > EventLimits.MAX_KEY_CHARS) {
            return KEY_TOO_LONG;
        }
        return Text.isWellFormed(key) ? null : "has a key that is not well-formed Unicode";
    }

    /** The message of an array with more than {@code max} items ({@code limit} names the constant). */
    static String tooManyItems(int max, String limit) {
        return "has more than " + max + " items (EventLimits." + limit + ")";
    }

    /** The message of an object used as a map with more than {@code max} entries. */
    static String tooManyEntries(int max, String limit) {
        return "has more than " + max + " entries (EventLimits." + limit + ")";
    }

    /** An object with known fields; others are skipped on read. */
    static Fields fields(Object... namesAndShapes) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return new Fields(Map.copyOf(fields));
    }

    /** An object used as a map: any keys, at most {@code max} of them. */
    static Shape entries(Shape values, int max, String limit) {
        return new Entries(values, max, limit);
    }

    /** An array of at most {@code max} items. */
    static Shape items(Shape item, int max, String limit) {
        return new Items(item, max, limit);
    }

    /** See {@link #SCALAR}. */
    final class Scalar implements Shape {

        private Scalar() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scalar;
        }

        @Override
        public int hashCode() {
            return Scalar.class.hashCode();
        }

        @Override
        public JsonNode read(JsonParser parser, FieldPath path, JsonNodeFactory nodes) throws IOException {
            switch (parser.currentToken()) {
                case START_OBJECT:
                    parser.skipChildren();
                    return nodes.objectNode();
                case START_ARRAY:
                    parser.skipChildren();
                    return nodes.arrayNode();
                case VALUE_STRING:
                    return nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    return integer(parser, nodes);
                case VALUE_NUMBER_FLOAT:
                    // The contract has no fractional numbers; the value only has to be reported as wrong.
                    return nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return nodes.booleanNode(parser.getBooleanValue());
                default:
                    return nodes.nullNode();
            }
        }


        private static JsonNode integer(JsonParser parser, JsonNodeFactory nodes) throws IOException {
            switch (parser.getNumberType()) {
                case INT:
                    return nodes.numberNode(parser.getIntValue());
                case LONG:
                    return nodes.numberNode(parser.getLongValue());
                default:
                    return nodes.numberNode(parser.getBigIntegerValue());
            }
        }
    }

    /** See {@link #fields}. */
    final class Fields implements Shape {

        private final Map<String, Shape> fields;

        private Fields(Map<String, Shape> fields) {
            this.fields = fields;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fields && fields.equals(((Fields) other).fields);
        }

        @Override
        public int hashCode() {
            return fields.hashCode();
        }

        /** The union of several outlines: a field known to any of them is known. Same names must agree. */
        static Fields union(Fields... parts) {
            Map<String, Shape> all = new LinkedHashMap<>();
            for (Fields part : parts) {
                part.fields.forEach((name, shape) -> {
                    Shape before = all.putIfAbsent(name, shape);
                    if (before != null && !before.equals(shape)) {
                        throw new IllegalStateException("field '" + name + "' has two different outlines");
                    }
                });
            }
            return new Fields(Map.copyOf(all));
        }

        @Override
        public JsonNode read(JsonParser parser, FieldPath path, JsonNodeFactory nodes) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return SCALAR.read(parser, path, nodes);
            }
            ObjectNode object = nodes.objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                Shape shape = fields.get(name);
                if (shape == null) {
                    parser.skipChildren();
                } else {
                    object.set(name, shape.read(parser, path.field(name), nodes));
                }
            }
            return object;
        }

        /** The outline of field {@code name}, which the contract must know here. */
        Shape of(String name) {
            Shape shape = fields.get(name);
            if (shape == null) {
                throw new IllegalStateException("the outline has no field '" + name + "'");
            }
            return shape;
        }
    }

    /** See {@link #entries}. */
    final class Entries implements Shape {

        private final Shape values;
        private final int max;
        private final String limit;

        private Entries(Shape values, int max, String limit) {
            this.values = values;
            this.max = max;
            this.limit = limit;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Entries)) {
                return false;
            }
            Entries that = (Entries) other;
            return values.equals(that.values) && max == that.max && limit.equals(that.limit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(values, max, limit);
        }

        @Override
        public JsonNode read(JsonParser parser, FieldPath path, JsonNodeFactory nodes) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return SCALAR.read(parser, path, nodes);
            }
            ObjectNode object = nodes.objectNode();
            for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                if (object.size() == max) {
                    throw EventDecodingException.limitExceeded(path, Shape.tooManyEntries(max, limit));
                }
                if (key.length() > EventLimits.MAX_KEY_CHARS) {
                    throw EventDecodingException.limitExceeded(path, KEY_TOO_LONG);
                }
                parser.nextToken();
                object.set(key, values.read(parser, path.field(key), nodes));
            }
            return object;
        }

        /** Refuses to write more entries than a reader takes, as field {@code name} of {@code parent}. */
        void checkSize(int size, FieldPath parent, String name) {
            if (size > max) {
                throw new IllegalArgumentException(parent.field(name) + ": " + Shape.tooManyEntries(max, limit));
            }
        }
    }

    /** See {@link #items}. */
    final class Items implements Shape {

        private final Shape item;
        private final int max;
        private final String limit;

        private Items(Shape item, int max, String limit) {
            this.item = item;
            this.max = max;
            this.limit = limit;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Items)) {
                return false;
            }
            Items that = (Items) other;
            return item.equals(that.item) && max == that.max && limit.equals(that.limit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(item, max, limit);
        }

        @Override
        public JsonNode read(JsonParser parser, FieldPath path, JsonNodeFactory nodes) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return SCALAR.read(parser, path, nodes);
            }
            ArrayNode array = nodes.arrayNode();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    // Jackson reports a truncated array itself; this only guards the loop.
                    throw EventDecodingException.malformed(path, "ends before the array is closed");
                }
                if (array.size() == max) {
                    throw EventDecodingException.limitExceeded(path, tooMany());
                }
                array.add(item.read(parser, path.index(array.size()), nodes));
            }
            return array;
        }

        /** Refuses to write more items than a reader takes, as field {@code name} of {@code parent}. */
        void checkSize(int size, FieldPath parent, String name) {
            if (size > max) {
                throw new IllegalArgumentException(parent.field(name) + ": " + tooMany());
            }
        }

        /** The outline of each item. */
        Shape item() {
            return item;
        }

        String tooMany() {
            return Shape.tooManyItems(max, limit);
        }
    }
}
