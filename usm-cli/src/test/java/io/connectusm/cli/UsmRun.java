package io.connectusm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import picocli.CommandLine;

/**
 * Runs {@code usm} in-process exactly as {@link Main} does (same command tree, same error handling), capturing
 * standard output, standard error and the exit code.
 *
 * @param exitCode the exit code {@code usm} would exit with
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
public record UsmRun(int exitCode, String out, String err) {

    /** Runs {@code usm args...} with an empty environment. */
    public static UsmRun usm(String... args) {
        return usmWithEnvironment(Map.of(), args);
    }

    /** Runs {@code usm args...} with the given environment variables. */
    public static UsmRun usmWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = UsmCommandLine.create(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new UsmRun(exitCode, out.toString(), err.toString());
    }

    /** Both streams, for assertion messages. */
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
