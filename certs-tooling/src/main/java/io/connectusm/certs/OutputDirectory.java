package io.connectusm.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A directory that certificate files are written into, honouring a {@link WriteMode}.
 *
 * <p>Files are created with their final permissions in the same system call that creates them, so a secret is
 * never readable by others, not even for the instant between a write and a later chmod. With
 * {@link WriteMode#OVERWRITE} each file is written to a temporary sibling and renamed over the old one, so a
 * reader (a worker restarting) sees either the old file or the new one, never half of one.
 *
 * <p>Not thread-safe; one instance per write operation.
 */
final class OutputDirectory {
    private final Path directory;
    private final WriteMode mode;
    private final boolean posix;

    private OutputDirectory(Path directory, WriteMode mode, boolean posix) {
        this.directory = directory;
        this.mode = mode;
        this.posix = posix;
    }

    /** Checks the directory against the mode and creates it when missing. */
    static OutputDirectory prepare(Path directory, WriteMode mode) {
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CertificateFileException(dir, dir + " exists and is not a directory");
        }
        if (mode == WriteMode.FAIL_IF_EXISTS && Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new OutputExistsException(dir);
        }
        try {
            Files.createDirectories(dir);
            // Windows file systems have no POSIX permissions; there the directory's ACL is all the protection.
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            return new OutputDirectory(dir, mode, posix);
        } catch (IOException e) {
            throw new CertificateFileException(dir, "cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return directory;
    }

    /** Writes {@code content} to {@code fileName} in this directory and returns the file's path. */
    Path write(String fileName, byte[] content, FileSecrecy secrecy) {
        Path target = directory.resolve(fileName);
        try {
            if (mode == WriteMode.OVERWRITE) {
                Path temporary = Files.createTempFile(directory, "." + fileName + ".", ".tmp", attributes(secrecy));
                try {
                    writeAll(temporary, content, EnumSet.of(StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING), secrecy);
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } else {
                writeAll(target, content, EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), secrecy);
            }
        } catch (FileAlreadyExistsException e) {
            throw new OutputExistsException(directory);
        } catch (IOException e) {
            throw new CertificateFileException(target, "cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private void writeAll(Path file, byte[] content, Set<StandardOpenOption> options, FileSecrecy secrecy)
            throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes(secrecy))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private FileAttribute<?>[] attributes(FileSecrecy secrecy) {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(secrecy.permissions())}
                : new FileAttribute<?>[0];
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new CertificateFileException(dir, "cannot list directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
