package io.connectusm.cli.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded {@code usm.jar} as a child process, as a user's shell would: {@code java -jar usm.jar …} with
 * exactly the {@code USM_*} variables given (inherited ones are removed, so the test is hermetic), stdin closed,
 * stdout and stderr captured, bounded by a deadline.
 */
public final class UsmProcess {

    /** The shaded jar that {@code mvn package} builds before the *IT tests run. */
    public static final Path JAR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("target/usm.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The outcome of one run. */
    public record Result(int exitCode, String out, String err) {
        /** Everything the process printed. */
        public String all() {
            return out + err;
        }
    }

    private UsmProcess() {
    }

    /** Runs {@code usm args…} with {@code usmVariables} as its only {@code USM_*} environment. */
    public static Result run(Path scratch, Map<String, String> usmVariables, String... args)
            throws IOException, InterruptedException {
        return runIn(null, scratch, usmVariables, args);
    }

    /** Like {@link #run}, in working directory {@code directory} (this JVM's when {@code null}). */
    public static Result runIn(Path directory, Path scratch, Map<String, String> usmVariables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("USM_"));
        builder.environment().putAll(usmVariables);
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("usm " + String.join(" ", args) + " did not finish within " + DEADLINE);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
