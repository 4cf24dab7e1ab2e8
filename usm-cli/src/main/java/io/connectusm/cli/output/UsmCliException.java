package io.connectusm.cli.output;

/**
 * A failure to report to the user as {@code Error: <message>} with a non-zero exit code: bad input, an
 * endpoint error (its detail), an unreachable endpoint. Messages never contain secrets. Immutable.
 */
public final class UsmCliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsmCliException(String message) {
        super(message, null, false, false);
    }
}
