package io.connectusm.cli.output;

import java.util.Objects;

/**
 * One printed property of a resource: its human label (table header / row label), its key in JSON and YAML
 * output, its value as printed, and what it is. Numbers are right-aligned in list tables and numbers in JSON, as
 * Confluent's integer fields are; an optional field is left out of a describe table and of JSON when empty, as
 * Confluent's {@code omitempty} fields are. Immutable.
 *
 * @param label    e.g. {@code Confluent Platform Connect Cluster}
 * @param jsonKey  e.g. {@code confluent_platform_connect_cluster}
 * @param value    the value as printed; {@code null} prints as empty / JSON null
 * @param kind     text, number or boolean
 * @param optional whether an empty value is left out
 */
public record Field(String label, String jsonKey, String value, Kind kind, boolean optional) {

    /** What a value is, for alignment and JSON types. */
    public enum Kind { TEXT, NUMBER, BOOLEAN }

    public Field {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(jsonKey, "jsonKey");
        Objects.requireNonNull(kind, "kind");
    }

    /** A text field. */
    public Field(String label, String jsonKey, String value) {
        this(label, jsonKey, value, Kind.TEXT, false);
    }

    public static Field number(String label, String jsonKey, long value) {
        return new Field(label, jsonKey, Long.toString(value), Kind.NUMBER, false);
    }

    public static Field flag(String label, String jsonKey, boolean value) {
        return new Field(label, jsonKey, Boolean.toString(value), Kind.BOOLEAN, false);
    }

    /** A text field left out when {@code value} is null or empty. */
    public static Field optional(String label, String jsonKey, String value) {
        return new Field(label, jsonKey, value, Kind.TEXT, true);
    }

    /** Whether it is left out of this output. */
    boolean omitted() {
        return optional && (value == null || value.isEmpty());
    }
}
