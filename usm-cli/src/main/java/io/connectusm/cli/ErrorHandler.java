package io.connectusm.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

import io.connectusm.certs.CertificateFileException;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure of every {@code usm} command into one line on standard error, {@code Error: <message>}, and an
 * exit code: {@link ExitCodes#USAGE} for a wrong command line, {@link ExitCodes#ERROR} for anything else.
 *
 * <p>No stack trace unless asked for ({@code --verbose} or {@code USM_DEBUG=1}): people read the message, and the
 * messages of this project name the file or flag at fault and never contain secrets. Immutable and thread-safe.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final String DEBUG_VARIABLE = "USM_DEBUG";
    private static final String VERBOSE_OPTION = "--verbose";

    private final boolean debugFromEnvironment;

    ErrorHandler(Map<String, String> environment) {
        String debug = environment.get(DEBUG_VARIABLE);
        this.debugFromEnvironment = debug != null && !debug.isBlank() && !"0".equals(debug.trim())
                && !"false".equalsIgnoreCase(debug.trim());
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println("Error: " + messageOf(failure));
        if (debugFromEnvironment || verboseRequested(parseResult)) {
            failure.printStackTrace(err);
        } else if (!isExpected(failure)) {
            err.println("(run again with " + VERBOSE_OPTION + ", or " + DEBUG_VARIABLE + "=1, to see where it failed)");
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        if (debugFromEnvironment || Arrays.asList(args).contains(VERBOSE_OPTION)) {
            failure.printStackTrace(err);
        }
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean verboseRequested(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** Failures whose message says it all; anything else may be a bug, so say how to get details. */
    private static boolean isExpected(Exception failure) {
        return failure instanceof UsmCliException || failure instanceof CertificateFileException
                || failure instanceof IllegalArgumentException;
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
