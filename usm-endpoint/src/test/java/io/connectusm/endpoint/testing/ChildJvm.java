package io.connectusm.endpoint.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A main class of this test class path in a JVM of its own (an endpoint replica, an agent), so a test can kill it
 * as an operator's machine would die: {@link #kill()} is SIGKILL. Its output is kept; {@link #start} returns once
 * it printed a line starting with the given prefix, and hands back the rest of that line. Snapshot jars are copied
 * aside first, since other builds on the machine may rewrite them in the local repository under the running child.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final StringBuffer output;
    private final String startedLine;

    private ChildJvm(Process process, StringBuffer output, String startedLine) {
        this.process = process;
        this.output = output;
        this.startedLine = startedLine;
    }

    /**
     * Starts {@code mainClass} with {@code args} and waits for its {@code startedPrefix} line.
     *
     * @param libDir where the class path's snapshot jars are copied (shared by children of one test)
     */
    public static ChildJvm start(Path libDir, String heap, String startedPrefix, Duration timeout, String mainClass,
                                 String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", classpath(libDir), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(startedPrefix)) {
                        started.complete(line.substring(startedPrefix.length()).trim());
                    }
                }
            } catch (IOException e) {
                // killed
            }
            started.completeExceptionally(new AssertionError(mainClass + " ended before it started:\n" + output));
        }, "child-output-" + mainClass);
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvm(process, output, started.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(mainClass + " did not start:\n" + output, e);
        }
    }

    /** What followed the started prefix on its line (e.g. a URL or ports). */
    public String startedLine() {
        return startedLine;
    }

    public String output() {
        return output.toString();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not ended within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
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

    /** Surefire and failsafe may start the tests with a jar whose manifest Class-Path holds the real entries. */
    private static List<String> expandManifestOnlyJar(Path entry) throws IOException {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of(entry.toString());
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || !jar.getName().contains("surefire")) {
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
