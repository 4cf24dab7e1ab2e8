package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One child JVM of the quickstart (the Kafka broker, the Connect worker, the storage formatter): started with the
 * Kafka runtime's classpath, its output appended to a log file under the data directory, its PID in a
 * {@code .pid} file next to it so a later run can stop what a killed run left behind.
 *
 * <p>{@link #close()} stops the process tree: SIGTERM to the JVM (its own shutdown hooks run, as with
 * {@code kafka-server-stop.sh}), a bounded wait, then SIGKILL to whatever of the tree is left. Thread-safe;
 * close is idempotent.
 */
final class ChildJvm implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildJvm(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
    static ChildJvm start(String name, JavaCommand java, String classpath, List<String> jvmOptions,
                          String mainClass, List<String> args, QuickstartLayout layout) {
        List<String> command = new ArrayList<>();
        // Ctrl-C in a terminal signals the whole foreground process group; in a session of their own the children
        // do not get it and stop in order (Connect before the broker it needs), from the quickstart's shutdown hook.
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(java.executable().toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + layout.childLoggingConfig());
        // Tags the command line with the data directory, so leftovers of this quickstart can be told apart.
        command.add("-Dusm.quickstart.dir=" + layout.root());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Path logFile = layout.log(name);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close();
            Path pidFile = layout.logs().resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ChildJvm(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " JVM", e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Waits for a one-shot child (the storage formatter); empty when it is still running at the deadline. */
    Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** Why the child is gone, for an error message: its exit code and where its log is. */
    String exitDescription() {
        return "the " + name + " JVM exited with code " + process.exitValue() + "; see " + logFile;
    }

    @Override
    public void close() {
        stopTree(process.toHandle(), GRACE);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file only costs the next run one liveness check
        }
    }

    static void stopTree(ProcessHandle root, Duration grace) {
        // Snapshot the descendants first: once the root is gone they are re-parented and no longer reachable from it.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroy();
        try {
            root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            root.destroyForcibly();
        }
        tree.add(root);
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Stops child JVMs that an earlier run of this data directory left running (it was killed before it could stop
     * them): their PID files are under {@code logs/} and their command line names this data directory.
     *
     * @return how many were stopped
     */
    static int stopLeftovers(QuickstartLayout layout) {
        int stopped = 0;
        if (!Files.isDirectory(layout.logs())) {
            return 0;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(layout.logs(), "*.pid")) {
            for (Path pidFile : pids) {
                Optional<ProcessHandle> handle = readPid(pidFile).flatMap(ProcessHandle::of);
                if (handle.isPresent() && handle.get().isAlive() && handle.get().info().commandLine()
                        .map(line -> line.contains("-Dusm.quickstart.dir=" + layout.root())).orElse(false)) {
                    stopTree(handle.get(), GRACE);
                    stopped++;
                }
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PID files under " + layout.logs(), e);
        }
        return stopped;
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
