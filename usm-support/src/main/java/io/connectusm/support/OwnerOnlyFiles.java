package io.connectusm.support;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a component's data its owner's only, whatever the umask: a data directory (the agent's spool, the
 * endpoint's database) is created {@code rwx------} — with its mode, so there is no moment where it is open — or
 * narrowed when it exists, and the files a store created in it are narrowed to {@code rw-------} once opened. A
 * no-op where the file system has no POSIX permissions. Stateless; thread-safe.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and missing parents) owner-only, or narrows it when it exists. */
    public static void directory(Path dir) throws IOException {
        if (!posix()) {
            Files.createDirectories(dir);
            return;
        }
        if (Files.notExists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Narrows every regular file directly in {@code dir} to owner-only. */
    public static void filesIn(Path dir) throws IOException {
        if (!posix()) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
