package io.connectusm.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool} (Debian's {@code prometheus} package; {@code -Dpromtool.path} elsewhere), run as a
 * child process: {@code check rules}, {@code test rules}, {@code check metrics} (its text-format parser and linter).
 * The caller decides what a missing promtool means ({@link #installed()}: skip, or fail under
 * {@code -Drequire.promtool=true}). Stateless.
 */
public final class Promtool {

    private Promtool() {
    }

    /** What one run printed (stdout and stderr) and its exit code. */
    public record Result(int exit, String output) {
    }

    /** Where promtool is looked for. */
    public static Path path() {
        return Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
    }

    public static boolean installed() {
        return Files.isExecutable(path());
    }

    /** Whether a missing promtool must fail the tests rather than skip them (CI). */
    public static boolean required() {
        return Boolean.getBoolean("require.promtool");
    }

    /**
     * Runs promtool with {@code args} in {@code directory}, reading {@code stdin} (a file, or {@code null} for none),
     * for at most a minute.
     */
    public static Result run(Path directory, List<String> args, Path stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(path().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        if (stdin != null) {
            builder.redirectInput(stdin.toAbsolutePath().toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + args + " did not finish within a minute");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
