package io.connectusm.cli.output;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command body: prints what it returns on the command's output, and turns a {@link UsmCliException} (or a
 * failure of the {@code usm/v1} client, see {@link ApiFailures}) into {@code Error: <message>} and Confluent's
 * {@code Suggestions:} block on the command's error stream, with its exit code (1, or 2 for usage). Stateless.
 */
public final class CommandRunner {

    /** Exit code of every failure. */
    public static final int FAILURE = UsmCliException.FAILURE;

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
            return fail(out, err, e);
        } catch (RuntimeException e) {
            UsmCliException explained = ApiFailures.explain(e);
            if (explained == null) {
                throw e;
            }
            return fail(out, err, explained);
        }
    }

    private static int fail(PrintWriter out, PrintWriter err, UsmCliException e) {
        out.flush();
        err.print(e.render());
        err.flush();
        return e.exitCode();
    }
}
