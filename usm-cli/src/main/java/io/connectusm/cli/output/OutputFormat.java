package io.connectusm.cli.output;

import java.util.Arrays;
import java.util.Locale;

import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: {@code -o human|json|yaml}, as Confluent's CLI. */
public enum OutputFormat {
    HUMAN, JSON, YAML;

    /** Every format's name, as typed. */
    public static final String NAMES = Wording.quotedList(Arrays.stream(values())
            .map(f -> f.name().toLowerCase(Locale.ROOT)).toList(), "or");

    /**
     * Case-insensitive names.
     *
     * @throws TypeConversionException (a usage error, exit 2) naming the formats
     */
    public static OutputFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("\"" + value + "\" is not an output format: use " + NAMES);
        }
    }
}
