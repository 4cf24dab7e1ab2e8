package io.connectusm.endpoint.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test directories under {@code target/}. Stateless. */
public final class TestDirs {

    private TestDirs() {
    }

    /** A new empty directory {@code target/<area>/<prefix>-<random>}. */
    public static Path create(String area, String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", area)), prefix + "-");
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
