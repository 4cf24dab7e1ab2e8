package io.connectusm.cli;

/**
 * Entry point of {@code usm.jar} (and so of {@code bin/usm}): runs the command and exits with its exit code.
 *
 * <p>Stateless; the only class that calls {@link System#exit(int)}, so everything else can be tested in-process.
 */
public final class Main {
    private Main() {
    }

    /** Runs {@code usm} with the process's arguments and environment, then exits with the command's exit code. */
    public static void main(String[] args) {
        System.exit(UsmCommandLine.create(System.getenv()).execute(args));
    }
}
