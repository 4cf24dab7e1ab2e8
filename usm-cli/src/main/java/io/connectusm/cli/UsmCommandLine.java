package io.connectusm.cli;

import java.util.Map;

import picocli.CommandLine;

/**
 * Builds the configured picocli {@link CommandLine} for {@code usm}: the command tree of {@link UsmCommand}, the
 * shared error handling of {@link ErrorHandler}, and case-insensitive enum values ({@code --key-type RSA} works).
 *
 * <p>Stateless. Each call returns a new, independent {@link CommandLine}, which is not thread-safe; tests set its
 * output and error writers with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
 */
public final class UsmCommandLine {
    private UsmCommandLine() {
    }

    /**
     * A ready-to-execute command line.
     *
     * @param environment the process environment, for {@code USM_DEBUG}; tests pass their own
     */
    public static CommandLine create(Map<String, String> environment) {
        ErrorHandler errors = new ErrorHandler(environment);
        return new CommandLine(new UsmCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
