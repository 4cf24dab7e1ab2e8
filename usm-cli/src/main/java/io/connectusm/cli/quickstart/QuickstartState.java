package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * A small properties file of the data directory: the IDs a second run must reuse (the Kafka cluster ID the log
 * directory was formatted with, the USM registration IDs) or credentials (owner-only files). Not thread-safe; used
 * by the starting thread only.
 */
final class QuickstartState {

    static final String KAFKA_CLUSTER_ID = "kafka.cluster.id";
    static final String USM_KAFKA_CLUSTER_ID = "usm.kafka.cluster.id";
    static final String USM_CONNECT_CLUSTER_ID = "usm.connect.cluster.id";

    private final Path file;
    private final Properties values = new Properties();

    private QuickstartState(Path file) {
        this.file = file;
    }

    static QuickstartState load(Path file) throws IOException {
        QuickstartState state = new QuickstartState(file);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.values.load(reader);
            }
        }
        return state;
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).filter(v -> !v.isBlank());
    }

    /** Sets and saves at once, so an interrupted run keeps what it already did. */
    void put(String key, String value) throws IOException {
        values.setProperty(key, value);
        writePrivate(file, values);
    }

    /** Writes a properties file readable by its owner only (it may hold an API secret). */
    static void writePrivate(Path file, Properties properties) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by usm quickstart");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
