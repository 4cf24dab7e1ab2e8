package io.connectusm.cli;

/**
 * The exit codes of every {@code usm} command, so scripts can tell a failure from a typo.
 *
 * <p>Constants only.
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command could not do it: a missing file, an existing output, a refused request. */
    public static final int ERROR = 1;
    /** The command line itself is wrong: unknown option, missing or malformed value. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
