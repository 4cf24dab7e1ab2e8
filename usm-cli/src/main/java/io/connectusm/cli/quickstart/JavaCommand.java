package io.connectusm.cli.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.connectusm.cli.output.UsmCliException;

/**
 * The {@code java} executable the child JVMs run with: the one running this command (so children get the same
 * Java 17+ that {@code bin/usm} chose, {@code JAVA_HOME} included). Immutable.
 */
record JavaCommand(Path executable) {

    /** @throws UsmCliException when no runnable {@code java} can be found */
    static JavaCommand current() {
        Optional<Path> running = ProcessHandle.current().info().command().map(Path::of);
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        Path chosen = running.filter(Files::isExecutable).orElse(fromHome);
        if (!Files.isExecutable(chosen)) {
            throw new UsmCliException("java not found (looked for " + chosen + "): install Java 17 or newer, "
                    + "or set JAVA_HOME to it, then run usm quickstart again");
        }
        return new JavaCommand(chosen);
    }
}
