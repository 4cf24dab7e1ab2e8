package io.connectusm.cli.output;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command body and turns a {@link UsmCliException} into {@code Error: <message>} on the command's error
 * stream and exit code 1, as Confluent's CLI does. Stateless.
 */
public final class CommandRunner {

    /** Exit code of every failure. */
    public static final int FAILURE = 1;

    private CommandRunner() {
    }

    public static int run(CommandSpec spec, Callable<String> body) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String text = body.call();
            if (text != null) {
                out.print(text);
            }
            out.flush();
            return 0;
        } catch (UsmCliException e) {
            out.flush();
            err.println("Error: " + e.getMessage());
            err.flush();
            return FAILURE;
        }
    }
}
