package io.connectusm.cli.output;

import java.util.Optional;

/**
 * A failure to report to the user as {@code Error: <message>}, optionally followed by Confluent's
 * {@code Suggestions:} block, with exit code 1, or 2 for a wrong command line ({@link #usage}): bad input, an
 * endpoint error (its detail), an unreachable endpoint. Messages never contain secrets. Immutable.
 */
public final class UsmCliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code of a failure. */
    public static final int FAILURE = 1;
    /** Exit code of a wrong command line. */
    public static final int USAGE = 2;

    private final String suggestions;
    private final int exitCode;

    public UsmCliException(String message) {
        this(message, null, FAILURE);
    }

    /** With suggestions: one or more lines, each printed indented under {@code Suggestions:}. */
    public UsmCliException(String message, String suggestions) {
        this(message, suggestions, FAILURE);
    }

    private UsmCliException(String message, String suggestions, int exitCode) {
        super(message, null, false, false);
        this.suggestions = suggestions;
        this.exitCode = exitCode;
    }

    /** A wrong command line (exit 2) that only the command itself can tell, such as an ID of the wrong kind. */
    public static UsmCliException usage(String message) {
        return new UsmCliException(message, null, USAGE);
    }

    /** A wrong command line (exit 2) with suggestions. */
    public static UsmCliException usage(String message, String suggestions) {
        return new UsmCliException(message, suggestions, USAGE);
    }

    public Optional<String> suggestions() {
        return Optional.ofNullable(suggestions);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The text for standard error: {@code Error: …} and the suggestions block, as Confluent's CLI prints them. */
    public String render() {
        StringBuilder out = new StringBuilder("Error: ").append(getMessage()).append('\n');
        suggestions().ifPresent(s -> {
            out.append("\nSuggestions:\n");
            for (String line : s.split("\n")) {
                out.append("    ").append(line).append('\n');
            }
        });
        return out.toString();
    }
}
