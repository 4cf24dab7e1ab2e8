package io.connectusm.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A main class of this test's class path in a JVM of its own (an endpoint replica, an agent), so a test can stop
 * it as an operator does ({@link #stop}: SIGTERM, and its exit code) or kill it as a dying machine would
 * ({@link #kill}: SIGKILL). {@link #start} returns once the child printed a line starting with the given prefix and
 * hands back the rest of that line ({@link #startedLine}, e.g. its URL or ports).
 *
 * <p>The child's stdout and stderr go straight to a file of its own in the test's directory ({@link #outputFile}),
 * not through a pipe into memory: a long run stays small, nothing is lost when the child dies (a pipe's last lines
 * are, when the JDK closes it at the child's exit), and the file is there to read after a failure.
 * Every wait is bounded; a child that does not start, or does not stop, fails the test with its last lines in the
 * message ({@link #lastLines}). Snapshot jars of the class path are copied aside first (to {@code dir/lib}, shared
 * by the children of one directory), since other builds on the machine may rewrite them in the local repository
 * under the running child.
 *
 * <p>Thread-safe. Lifecycle: {@link #start} … {@link #stop}/{@link #kill}/{@link #close()} (SIGTERM, then SIGKILL
 * after 20 s; idempotent).
 */
public final class ChildJvm implements AutoCloseable {

    /** How many of the child's last lines a failure message carries. */
    public static final int FAILURE_LINES = 40;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    /** How often {@link #start} looks at the output for the started line (between, it waits for the exit). */
    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final Process process;
    private final Path outputFile;
    private final String startedLine;

    private ChildJvm(String name, Process process, Path outputFile, String startedLine) {
        this.name = name;
        this.process = process;
        this.outputFile = outputFile;
        this.startedLine = startedLine;
    }

    /**
     * Starts {@code mainClass} with {@code args} and waits up to {@code timeout} for its {@code startedPrefix} line.
     *
     * @param dir  the test's directory: the class path's snapshot jars are copied to {@code dir/lib}, the output
     *             goes to {@code dir/<main class's simple name>-<n>.log}
     * @param heap the child's {@code -Xmx}, e.g. {@code 256m}
     * @throws AssertionError when it ends or stays silent before that line (it is killed), with its last lines
     */
    public static ChildJvm start(Path dir, String heap, String startedPrefix, Duration timeout, String mainClass,
                                 String... args) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        Path outputFile = Files.createTempFile(dir, name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", classpath(dir.resolve("lib")), mainClass));
        command.addAll(List.of(args));
        // Straight to the file, not through a pipe: a pipe's last lines are lost when the JDK closes it at exit.
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(outputFile.toFile()).start();
        ChildJvm child = new ChildJvm(name, process, outputFile, null);
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        try {
            while ((line = child.startedLine(startedPrefix)) == null) {
                if (!process.isAlive()) {
                    if ((line = child.startedLine(startedPrefix)) != null) {
                        break;
                    }
                    throw new AssertionError(name + " ended (exit code " + process.exitValue()
                            + ") before it printed \"" + startedPrefix + "\"; " + child.lastLinesForMessage());
                }
                if (System.nanoTime() - deadline > 0) {
                    child.kill();
                    throw new AssertionError(name + " printed no \"" + startedPrefix + "\" line within "
                            + timeout.toSeconds() + " s; " + child.lastLinesForMessage());
                }
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException | RuntimeException e) {
            child.kill();
            throw e;
        }
        return new ChildJvm(name, process, outputFile, line);
    }

    /** The rest of the first complete output line that starts with {@code prefix}, or null. */
    private String startedLine(String prefix) {
        String text = output();
        int end = text.lastIndexOf('\n');
        return end < 0 ? null : text.substring(0, end).lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).trim()).orElse(null);
    }

    /** What followed the started prefix on its line (e.g. a URL or ports). */
    public String startedLine() {
        return startedLine;
    }

    /** The file its output goes to. */
    public Path outputFile() {
        return outputFile;
    }

    /** Its output so far. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its last {@code n} lines of output so far, oldest first. */
    public List<String> lastLines(int n) {
        List<String> all = output().lines().toList();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The operating system's process, e.g. for its PID or descendants. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM, then waits up to {@code within} for it to exit; its exit code.
     *
     * @throws AssertionError when it is still running then (it is killed), with its last lines
     */
    public int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " did not exit within " + within.toSeconds() + " s of SIGTERM; "
                    + lastLinesForMessage());
        }
        return process.exitValue();
    }

    /**
     * SIGKILL, then waits for the process to be gone.
     *
     * @throws AssertionError when it is still there after 30 s
     */
    public void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within 20 s; nothing when it already ended. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /** "its last lines (of FILE):" and up to {@link #FAILURE_LINES} of them, for an assertion's message. */
    public String lastLinesForMessage() {
        return "its last lines (of " + outputFile + "):\n" + String.join("\n", lastLines(FAILURE_LINES));
    }

    private static synchronized String classpath(Path libDir) throws IOException {
        Files.createDirectories(libDir);
        List<String> result = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (String expanded : expandManifestOnlyJar(Path.of(entry))) {
                Path path = Path.of(expanded);
                if (path.getFileName().toString().endsWith("-SNAPSHOT.jar") && Files.isRegularFile(path)) {
                    Path copy = libDir.resolve(result.size() + "-" + path.getFileName());
                    if (!Files.exists(copy)) {
                        Files.copy(path, copy);
                    }
                    result.add(copy.toString());
                } else {
                    result.add(expanded);
                }
            }
        }
        return String.join(File.pathSeparator, result);
    }

    /**
     * Surefire and failsafe may start the tests with a booter jar whose manifest Class-Path holds the real entries;
     * other jars' Class-Path entries are the JVM's business, not expanded.
     */
    private static List<String> expandManifestOnlyJar(Path entry) throws IOException {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)
                || !entry.getFileName().toString().contains("surefire")) {
            return List.of(entry.toString());
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of(entry.toString());
            }
            List<String> expanded = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                expanded.add(Path.of(entry.getParent().toUri().resolve(url)).toString());
            }
            return expanded;
        }
    }
}
