package io.connectusm.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

import io.connectusm.certs.CertificateFileException;
import io.connectusm.cli.output.ApiFailures;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure of every {@code usm} command into {@code Error: <message>} on standard error (with
 * Confluent's {@code Suggestions:} block when there are any) and an exit code: {@link ExitCodes#USAGE} for a wrong
 * command line, {@link ExitCodes#ERROR} for anything else.
 *
 * <p>No stack trace unless asked for ({@code -v}, {@code --unsafe-trace} or {@code USM_DEBUG=1}): people read the
 * message, and the messages of this project name the file or flag at fault and never contain secrets. Immutable
 * and thread-safe.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final String DEBUG_VARIABLE = "USM_DEBUG";

    private final boolean debugFromEnvironment;

    ErrorHandler(Map<String, String> environment) {
        String debug = environment.get(DEBUG_VARIABLE);
        this.debugFromEnvironment = debug != null && !debug.isBlank() && !"0".equals(debug.trim())
                && !"false".equalsIgnoreCase(debug.trim());
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        UsmCliException explained = failure instanceof UsmCliException e ? e
                : failure instanceof RuntimeException r ? ApiFailures.explain(r) : null;
        if (explained != null) {
            err.print(explained.render());
        } else {
            err.println("Error: " + messageOf(failure));
        }
        if (debugFromEnvironment || Verbosity.of(parseResult.originalArgs()).stackTraces()) {
            failure.printStackTrace(err);
        } else if (explained == null && !isExpected(failure)) {
            err.println("(run again with -v, or " + DEBUG_VARIABLE + "=1, to see where it failed)");
        }
        err.flush();
        return explained != null ? explained.exitCode() : ExitCodes.ERROR;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        if (debugFromEnvironment || Verbosity.of(Arrays.asList(args)).stackTraces()) {
            failure.printStackTrace(err);
        }
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Failures whose message says it all; anything else may be a bug, so say how to get details. */
    private static boolean isExpected(Exception failure) {
        return failure instanceof CertificateFileException || failure instanceof IllegalArgumentException;
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
