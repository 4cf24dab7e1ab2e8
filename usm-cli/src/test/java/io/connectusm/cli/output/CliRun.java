package io.connectusm.cli.output;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.function.Consumer;

import picocli.CommandLine;

/**
 * Runs a command in-process as {@code usm} would, capturing stdout, stderr and the exit code. Immutable result.
 *
 * @param exitCode the exit code
 * @param out      what went to stdout
 * @param err      what went to stderr
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} against {@code command}; {@code stdin} feeds every {@link Terminal} of the tree. */
    public static CliRun run(Object command, String stdin, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Terminal terminal = new Terminal(new BufferedReader(new StringReader(stdin == null ? "" : stdin)), null);
        forEachCommand(cli, c -> TerminalAccess.inject(c.getCommand(), terminal));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void forEachCommand(CommandLine cli, Consumer<CommandLine> action) {
        action.accept(cli);
        cli.getSubcommands().values().stream().distinct().forEach(sub -> forEachCommand(sub, action));
    }

    /** Sets a command's {@code terminal} field, declared by its class or a superclass, if it has one. */
    public static final class TerminalAccess {
        private TerminalAccess() {
        }

        public static void inject(Object command, Terminal terminal) {
            for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
                for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                    if (field.getType() == Terminal.class) {
                        try {
                            field.setAccessible(true);
                            field.set(command, terminal);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        }
    }
}
