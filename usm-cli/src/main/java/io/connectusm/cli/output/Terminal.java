package io.connectusm.cli.output;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a command reads answers from: a question's answer line ({@code (y/n)}), or a secret (prompted for without
 * echo when a console is attached, else one line of stdin without a prompt, so {@code usm login < secret.txt}
 * works and the secret stays out of shell history). Tests pass their own reader. Not thread-safe; one per command
 * run.
 */
public final class Terminal {

    private final BufferedReader in;
    private final Console console;

    public Terminal(BufferedReader in, Console console) {
        this.in = in;
        this.console = console;
    }

    /** The process's stdin and console. */
    public static Terminal system() {
        return new Terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.console());
    }

    /** Prints {@code prompt} (no newline) and reads one line; {@code null} at end of input. */
    public String ask(PrintWriter out, String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks a yes/no question; only {@code y} or {@code yes} (any case) is a yes. */
    public boolean confirm(PrintWriter out, String question) {
        String answer = ask(out, question + " (y/n): ");
        if (answer == null) {
            out.println();
            return false;
        }
        String a = answer.trim();
        return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }

    /**
     * Reads a secret: at a console, after {@code prompt} and without echo; otherwise one line of stdin with no
     * prompt at all (a script that pipes the secret in has nobody to ask, and its output stays the result alone).
     */
    public char[] secret(String prompt) {
        if (console != null) {
            char[] secret = console.readPassword("%s", prompt);
            return secret == null ? new char[0] : secret;
        }
        try {
            String line = in.readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
