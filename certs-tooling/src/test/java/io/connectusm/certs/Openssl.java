package io.connectusm.certs;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Runs the real {@code openssl} binary for interoperability checks: every process is bounded by a deadline and
 * destroyed when the test is done with it, whatever happened. Not thread-safe; one instance per process.
 */
public final class Openssl implements AutoCloseable {
    /** Where the brief says openssl lives; PATH is searched too. */
    private static final Path DEFAULT_BINARY = Path.of("/usr/bin/openssl");
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Pattern ACCEPT_LINE = Pattern.compile("ACCEPT .*:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Thread reader;

    private Openssl(Process process) {
        this.process = process;
        this.reader = new Thread(this::collectOutput, "openssl-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The openssl binary, or null when there is none. */
    public static String binary() {
        if (Files.isExecutable(DEFAULT_BINARY)) {
            return DEFAULT_BINARY.toString();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "openssl");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** True when an openssl binary exists. */
    public static boolean available() {
        return binary() != null;
    }

    /** The outcome of a finished openssl command: exit code and combined stdout/stderr. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code openssl args...} with {@code stdin} as input, and waits for it within {@link #DEADLINE}. */
    public static Result run(String stdin, String... args) throws Exception {
        try (Openssl openssl = start(args)) {
            openssl.send(stdin);
            openssl.closeInput();
            return openssl.awaitExit();
        }
    }

    /** Starts {@code openssl args...} with its output collected; close it to destroy the process. */
    public static Openssl start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(List.of(args));
        return new Openssl(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Writes {@code text} to the process's standard input. */
    public void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the process's standard input (s_server stops at end of input, so only close it when done). */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** For {@code s_server -accept 127.0.0.1:0}: waits for the line that says which port it bound. */
    public int awaitAcceptPort() {
        try {
            return await("openssl's ACCEPT line").atMost(DEADLINE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(this::acceptPortOrNull, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("openssl did not listen within " + DEADLINE + ":\n" + String.join("\n", output()),
                    e);
        }
    }

    /** The port of the ACCEPT line printed so far, or null; fails when the process exited without one. */
    private Integer acceptPortOrNull() {
        for (String line : output()) {
            Matcher matcher = ACCEPT_LINE.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        if (!process.isAlive()) {
            throw new AssertionError("openssl exited with " + process.exitValue() + " before listening:\n"
                    + String.join("\n", output()));
        }
        return null;
    }

    /** Waits for the process to exit within {@link #DEADLINE}, and returns what it printed. */
    public Result awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("openssl did not exit within " + DEADLINE + ":\n" + String.join("\n", output()));
        }
        reader.join(DEADLINE.toMillis());
        return new Result(process.exitValue(), String.join("\n", output()));
    }

    /** Everything printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the process is killed either way; let the caller see the interrupt
        }
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean inSessionBlock = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // s_server prints the TLS session's master secret; keep it out of test reports.
                if (line.startsWith("-----BEGIN SSL SESSION PARAMETERS")) {
                    inSessionBlock = true;
                }
                if (!inSessionBlock) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
                if (line.startsWith("-----END SSL SESSION PARAMETERS")) {
                    inSessionBlock = false;
                }
            }
        } catch (IOException e) {
            // The process was destroyed; what was read so far is all there is.
        }
    }
}
