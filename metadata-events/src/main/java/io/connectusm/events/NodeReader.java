package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Typed access to the fields of one JSON object of the input, each failure an
 * {@link EventDecodingException} that names the field's path and what was expected there, and that says
 * which JSON type was found but never which value: a value may be a secret. Every string it hands out is
 * well-formed Unicode. One instance per object being read; not shared.
 *
 * <p>Over 300 lines for a reason: one small reader per JSON type, required and optional, each naming the field path
 * at fault; a table of look-alike methods reads best as one table.
 */
final class NodeReader {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    /** RFC 3339 {@code date-time}: seconds and offset required, unlike ISO 8601 as {@code java.time} reads it. */
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private final JsonNode node;
    private final FieldPath path;

    private NodeReader(JsonNode node, FieldPath path) {
        this.node = node;
        this.path = path;
    }

    /** A reader of {@code node}, which must be a JSON object. */
    static NodeReader object(JsonNode node, FieldPath path) {
        if (node == null || !node.isObject()) {
            throw EventDecodingException.malformed(path, "expected an object, found " + describe(node));
        }
        return new NodeReader(node, path);
    }

    FieldPath path() {
        return path;
    }

    FieldPath path(String name) {
        return path.field(name);
    }

    /** A string that must be present and not empty. */
    String requiredString(String name) {
        return requiredString(node.get(name), path(name));
    }

    /** A string, or {@code null} when the field is absent or {@code null}. */
    String optionalString(String name) {
        return optionalString(node.get(name), path(name));
    }

    /** An RFC 3339 timestamp in the years 0000 to 9999. */
    Instant requiredTime(String name) {
        return requiredTime(node.get(name), path(name));
    }

    /** One of the constants of {@code type}, spelled exactly as declared. */
    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return requiredEnum(node.get(name), path(name), type);
    }

    /** One of the constants of {@code type}, spelled exactly as declared, or {@code null} when absent or null. */
    <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : requiredEnum(name, type);
    }

    /**
     * A non-negative 64-bit integer, written either as a string of decimal digits (how the contract writes
     * {@code epoch} and {@code sequence}, since CloudEvents integers are 32-bit) or as a JSON integer.
     */
    long requiredCount(String name) {
        return requiredCount(node.get(name), path(name));
    }

    /** A non-negative JSON integer that fits in an {@code int}. */
    int requiredIndex(String name) {
        return requiredIndex(node.get(name), path(name));
    }

    /** A nested object, which must be present. */
    NodeReader requiredObject(String name) {
        JsonNode value = node.get(name);
        requirePresent(value, path(name));
        return object(value, path(name));
    }

    /** A nested object, or {@code null} when the field is absent or {@code null}. */
    NodeReader optionalObject(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : object(value, path(name));
    }

    /** A boolean; {@code false} when the field is absent or {@code null}. */
    boolean optionalBoolean(String name) {
        return optionalBoolean(node.get(name), path(name));
    }

    /** See {@link #optionalBoolean(String)}. */
    static boolean optionalBoolean(JsonNode value, FieldPath at) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw EventDecodingException.malformed(at, "expected a boolean, found " + describe(value));
        }
        return value.booleanValue();
    }

    /** An array of objects, which must be present (it may be empty). */
    List<NodeReader> requiredObjects(String name) {
        JsonNode array = requiredArray(name);
        List<NodeReader> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(object(array.get(i), path(name).index(i)));
        }
        return items;
    }

    /** An array of strings, which must be present (it may be empty). */
    List<String> requiredStrings(String name) {
        JsonNode array = requiredArray(name);
        List<String> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(text(array.get(i), path(name).index(i)));
        }
        return items;
    }

    /** An array of strings, or {@code null} when the field is absent or {@code null}. */
    List<String> optionalStrings(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : requiredStrings(name);
    }

    /**
     * An object used as a map from string to string, which must be present (it may be empty).
     *
     * @param nullValues whether a value may be {@code null}
     */
    SortedMap<String, String> requiredStringMap(String name, boolean nullValues) {
        JsonNode object = requiredObject(name).node;
        SortedMap<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            map.put(entry.getKey(), mapValue(entry.getKey(), entry.getValue(), path(name).field(entry.getKey()),
                    nullValues));
        }
        return map;
    }

    // The rules for one value, shared with EventScanner, which applies them to the values it streams past
    // without building a tree: the same checks in the same order, the same messages.

    /** See {@link #requiredString(String)}; {@code value} is {@code null} when the field is absent. */
    static String requiredString(JsonNode value, FieldPath at) {
        String text = optionalString(value, at);
        if (text == null) {
            throw missing(at);
        }
        if (text.isEmpty()) {
            throw EventDecodingException.malformed(at, "must not be empty");
        }
        return text;
    }

    /** See {@link #optionalString(String)}. */
    static String optionalString(JsonNode value, FieldPath at) {
        return value == null || value.isNull() ? null : text(value, at);
    }

    /** See {@link #requiredTime(String)}. */
    static Instant requiredTime(JsonNode value, FieldPath at) {
        String text = requiredString(value, at);
        Instant time = Rfc3339.parse(text);
        try {
            time = time != null ? time : OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw EventDecodingException.malformed(at, "expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
        }
        if (time.isBefore(MetadataEvent.MIN_TIME) || time.isAfter(MetadataEvent.MAX_TIME)) {
            throw EventDecodingException.malformed(at, "must lie in the years 0000 to 9999");
        }
        return time;
    }

    /**
     * The constants of each enum type, read once: {@code getEnumConstants()} is a new array each call, and the scanner
     * reads several enums per event. Never handed out (an array is mutable).
     */
    private static final ClassValue<Object[]> ENUM_CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    /** See {@link #requiredEnum(String, Class)}. */
    static <E extends Enum<E>> E requiredEnum(JsonNode value, FieldPath at, Class<E> type) {
        requirePresent(value, at);
        String text = value.isTextual() ? value.textValue() : null;
        for (Object constant : ENUM_CONSTANTS.get(type)) {
            if (((Enum<?>) constant).name().equals(text)) {
                return type.cast(constant);
            }
        }
        String expected = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw EventDecodingException.malformed(at, "expected one of " + expected
                + (value.isTextual() ? "" : ", found " + describe(value)));
    }

    /** See {@link #requiredCount(String)}. */
    static long requiredCount(JsonNode value, FieldPath at) {
        requirePresent(value, at);
        BigInteger number;
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.startsWith("-")) {
                throw EventDecodingException.malformed(at, "must not be negative");
            }
            if (!isDecimal(text)) {
                throw EventDecodingException.malformed(at,
                        "expected a non-negative integer in decimal digits, without sign or leading zeros");
            }
            if (text.length() > 19) {
                throw EventDecodingException.malformed(at, "expected an integer no greater than " + Long.MAX_VALUE);
            }
            number = text.length() < 19 ? BigInteger.valueOf(Long.parseLong(text)) : new BigInteger(text);
        } else if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else {
            throw EventDecodingException.malformed(at, "expected a non-negative integer, found " + describe(value));
        }
        if (number.signum() < 0) {
            throw EventDecodingException.malformed(at, "must not be negative");
        }
        if (number.compareTo(MAX_LONG) > 0) {
            throw EventDecodingException.malformed(at, "expected an integer no greater than " + Long.MAX_VALUE);
        }
        return number.longValueExact();
    }

    /** See {@link #requiredIndex(String)}. */
    static int requiredIndex(JsonNode value, FieldPath at) {
        requirePresent(value, at);
        if (!value.isIntegralNumber()) {
            throw EventDecodingException.malformed(at, "expected an integer, found " + describe(value));
        }
        if (value.bigIntegerValue().signum() < 0) {
            throw EventDecodingException.malformed(at, "must not be negative");
        }
        if (!value.canConvertToInt()) {
            throw EventDecodingException.malformed(at, "expected an integer no greater than " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** Whether {@code text} is {@code 0|[1-9][0-9]*}: decimal digits, no sign, no leading zero. */
    private static boolean isDecimal(String text) {
        if (text.isEmpty() || text.length() > 1 && text.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Fails with "is required" for an absent or {@code null} value. */
    static void requirePresent(JsonNode value, FieldPath at) {
        if (value == null || value.isNull()) {
            throw missing(at);
        }
    }

    /** Fails unless a present value is an array. */
    static void requireArray(JsonNode value, FieldPath at) {
        requirePresent(value, at);
        if (!value.isArray()) {
            throw EventDecodingException.malformed(at, "expected an array, found " + describe(value));
        }
    }

    /** One entry of a string map: its key well-formed, its value a string (or {@code null} when allowed). */
    static String mapValue(String key, JsonNode value, FieldPath at, boolean nullValues) {
        if (!Text.isWellFormed(key)) {
            throw EventDecodingException.malformed(at, "key is not well-formed Unicode");
        }
        if (value.isNull() && !nullValues) {
            throw EventDecodingException.malformed(at, "expected a string, found null");
        }
        return value.isNull() ? null : text(value, at);
    }

    /** An object used as a map from string to string (no null values), or an empty map when absent or null. */
    SortedMap<String, String> optionalStringMap(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? new TreeMap<>() : requiredStringMap(name, false);
    }

    private JsonNode requiredArray(String name) {
        JsonNode value = node.get(name);
        requireArray(value, path(name));
        return value;
    }

    private static EventDecodingException missing(FieldPath at) {
        return EventDecodingException.malformed(at, "is required");
    }

    /** A string value, well-formed. */
    static String text(JsonNode value, FieldPath at) {
        if (!value.isTextual()) {
            throw EventDecodingException.malformed(at, "expected a string, found " + describe(value));
        }
        String text = value.textValue();
        if (!Text.isWellFormed(text)) {
            throw EventDecodingException.malformed(at, "is not well-formed Unicode (a lone surrogate)");
        }
        return text;
    }

    /** The JSON type of a value, for messages: never the value itself. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        switch (value.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "another JSON type";
        }
    }
}
