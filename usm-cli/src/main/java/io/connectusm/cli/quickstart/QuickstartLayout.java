package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import io.connectusm.cli.output.UsmCliException;

/**
 * Where everything of one quickstart lives under its data directory, and the one place that creates, reuses or
 * cleans that directory. Nothing is ever deleted from a directory that lacks the {@value #MARKER} file a quickstart
 * wrote, so {@code --fresh --data-dir ~} cannot wipe a home directory. Immutable; {@link #claim} and
 * {@link #prepare} do the I/O.
 */
final class QuickstartLayout {

    static final String MARKER = ".usm-quickstart";
    static final String LOCK = ".lock";

    private final Path root;

    QuickstartLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path certs() {
        return root.resolve("certs");
    }

    Path caDir() {
        return certs().resolve("ca");
    }

    Path agentCerts() {
        return certs().resolve("agent");
    }

    Path endpointCerts() {
        return certs().resolve("endpoint");
    }

    /** Named like the directory of the USM documentation ({@code /mnt/sslcerts/tls-connect/}). */
    Path connectCerts() {
        return certs().resolve("tls-connect");
    }

    Path kafkaConfig() {
        return root.resolve("kafka").resolve("server.properties");
    }

    Path kafkaData() {
        return root.resolve("kafka").resolve("data");
    }

    Path workerConfig() {
        return root.resolve("connect").resolve("worker.properties");
    }

    Path pluginPath() {
        return root.resolve("connect").resolve("plugins");
    }

    Path childLoggingConfig() {
        return root.resolve("logs").resolve("log4j2-children.xml");
    }

    Path agentSpool() {
        return root.resolve("agent");
    }

    Path endpointData() {
        return root.resolve("endpoint");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    Path samples() {
        return root.resolve("samples");
    }

    /** The CLI login file (URL, admin key and secret, CA), mode 0600: {@code USM_CONFIG=<this> usm connect list}. */
    Path cliConfig() {
        return root.resolve("usm-cli.properties");
    }

    /** The agent's API key and secret for the endpoint, mode 0600, read by the agent through {@code ${file:…}}. */
    Path agentCredentials() {
        return root.resolve("agent-credentials.properties");
    }

    /** IDs that must survive a restart with the same data: the Kafka cluster ID, the USM registration IDs. */
    Path state() {
        return root.resolve("quickstart.properties");
    }

    /** The file a running quickstart holds an exclusive lock on (see {@link DataDirLock}). */
    Path lockFile() {
        return root.resolve(LOCK);
    }

    /** Whether an earlier quickstart made this directory (it holds the marker). */
    boolean isMarked() {
        return Files.isRegularFile(root.resolve(MARKER));
    }

    /** @throws UsmCliException when the directory holds files that no quickstart wrote */
    void requireClaimable() {
        try {
            if (Files.exists(root) && !isMarked() && !isEmptyDirectory(root)) {
                throw new UsmCliException("--data-dir " + root + " exists and was not made by usm quickstart; "
                        + "choose an empty or new directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directory " + root, e);
        }
    }

    /** What a {@link #claim} did, so {@link #unclaim} can undo exactly that. */
    record Claim(boolean created, boolean marked) {
    }

    /**
     * Takes the directory for the quickstart: creates it (owner only) and marks it, or checks that an earlier
     * quickstart marked it. Deletes nothing.
     *
     * @throws UsmCliException when the directory holds files that no quickstart wrote
     */
    Claim claim() {
        requireClaimable();
        try {
            boolean created = !Files.exists(root);
            createPrivateDirectory(root);
            if (isMarked()) {
                return new Claim(created, false);
            }
            Files.writeString(root.resolve(MARKER), "Made by 'usm quickstart'. Delete with 'rm -rf', or run "
                    + "'usm quickstart --fresh' to start over.\n");
            return new Claim(created, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
    }

    /**
     * Undoes a {@link #claim} when the run stops before it wrote anything else: the marker and the lock file it
     * made go, and the directory too when the claim created it.
     */
    void unclaim(Claim claim) {
        if (!claim.marked()) {
            return;
        }
        try {
            Files.deleteIfExists(lockFile());
            Files.deleteIfExists(root.resolve(MARKER));
            if (claim.created() && isEmptyDirectory(root)) {
                Files.delete(root);
            }
        } catch (IOException e) {
            // Best effort: what is left is a marked, empty directory that the next run reuses.
        }
    }

    /**
     * Makes a claimed directory ready: reuses what an earlier run left, or with {@code fresh} deletes it first (all
     * but the marker and the lock). Call it while holding the {@link DataDirLock}.
     *
     * @return whether an earlier quickstart's data is being reused
     */
    boolean prepare(boolean fresh) {
        try {
            if (fresh) {
                try (Stream<Path> entries = Files.list(root)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        String name = entry.getFileName().toString();
                        if (!name.equals(MARKER) && !name.equals(LOCK)) {
                            deleteRecursively(entry);
                        }
                    }
                }
            }
            boolean reused = Files.isRegularFile(state());
            for (Path dir : new Path[] {certs(), kafkaData(), pluginPath(), agentSpool(), endpointData(), logs(),
                    samples()}) {
                Files.createDirectories(dir);
            }
            return reused;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + root, e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Key stores, password files and API secrets live here: owner only.
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
