package io.connectusm.cli.output;

import java.util.Locale;

/** How a command prints its result: {@code -o human|json|yaml}, as Confluent's CLI. */
public enum OutputFormat {
    HUMAN, JSON, YAML;

    /** Picocli converter: case-insensitive names. */
    public static OutputFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output must be one of human, json, yaml");
        }
    }
}
