package io.connectusm.cli;

import java.util.Map;

import org.apache.logging.log4j.core.config.Configurator;

import picocli.CommandLine;

/**
 * Builds the configured picocli {@link CommandLine} for {@code usm}: the command tree of {@link UsmCommand}, the
 * shared error handling of {@link ErrorHandler}, case-insensitive enum values ({@code --key-type RSA} works), and
 * the log level of {@link Verbosity} applied before the command runs.
 *
 * <p>Stateless. Each call returns a new, independent {@link CommandLine}, which is not thread-safe; tests set its
 * output and error writers with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
 */
public final class UsmCommandLine {

    static final int LONG_OPTIONS_WIDTH = 26;

    private UsmCommandLine() {
    }

    /**
     * A ready-to-execute command line.
     *
     * @param environment the process environment, for {@code USM_DEBUG}; tests pass their own
     */
    public static CommandLine create(Map<String, String> environment) {
        ErrorHandler errors = new ErrorHandler(environment);
        CommandLine.RunLast run = new CommandLine.RunLast();
        return new CommandLine(new UsmCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // Room for the longest option with its label (--agent-metrics-port=PORT) beside its description.
                .setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH)
                .setExecutionStrategy(parsed -> {
                    Verbosity verbosity = Verbosity.of(parsed.originalArgs());
                    if (verbosity.count() > 0) {
                        Configurator.setRootLevel(verbosity.level());
                    }
                    return run.execute(parsed);
                })
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
