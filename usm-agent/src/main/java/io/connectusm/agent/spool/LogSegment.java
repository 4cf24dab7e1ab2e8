package io.connectusm.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file of the {@link EntryLog}, {@code entries-<segment number, 10 digits>.log}: its channel, how many
 * bytes it holds (written or buffered for it) and how many of those are live PUTs. Created owner-only
 * ({@code rw-------}) with its header forced, and the directory forced after a creation or a deletion, so that a
 * segment the log counts on is never missing after a crash.
 *
 * <p>Not thread-safe: the committer thread's.
 */
final class LogSegment implements AutoCloseable {

    private static final Set<StandardOpenOption> CREATE_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            PosixFilePermissions.fromString("rw-------");
    private static final Pattern NAME = Pattern.compile("entries-(\\d{10})\\.log");

    final int number;
    final Path path;
    final FileChannel channel;
    /** Bytes of the segment: written, or (the head) buffered to be written at this offset. */
    long size;
    /** Bytes of its records that are live PUTs: what compaction would copy. */
    long liveBytes;

    private LogSegment(int number, Path path, FileChannel channel, long size) {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static String fileName(int number) {
        return String.format(Locale.ROOT, "entries-%010d.log", number);
    }

    /** The segment number a file name stands for, or -1 when it is no segment's. */
    static int numberOf(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return -1;
        }
        long number = Long.parseLong(matcher.group(1));
        return number > 0 && number <= Integer.MAX_VALUE ? (int) number : -1;
    }

    /** Opens an existing segment file. */
    static LogSegment open(Path directory, int number) throws IOException {
        Path path = directory.resolve(fileName(number));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new LogSegment(number, path, channel, channel.size());
    }

    /** Creates a new segment file with its header, forced, and forces the directory. */
    static LogSegment create(Path directory, int number) throws IOException {
        Path path = directory.resolve(fileName(number));
        FileChannel channel = FileChannel.open(path, CREATE_OPTIONS, ownerOnly());
        try {
            LogSegment segment = new LogSegment(number, path, channel, 0);
            segment.writeHeader();
            syncDirectory(directory);
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Cuts the segment to {@code length} bytes (a torn tail) and forces that. */
    void truncate(long length) throws IOException {
        channel.truncate(length);
        channel.force(true);
        size = length;
    }

    /** (Re)writes the header of an empty segment (a new one, or one whose header a crash tore) and forces it. */
    void writeHeader() throws IOException {
        channel.truncate(0);
        ByteBuffer header = ByteBuffer.allocate(LogRecords.FILE_HEADER);
        LogRecords.fileHeader(header, number);
        header.flip();
        writeFully(header, 0);
        channel.force(true);
        size = LogRecords.FILE_HEADER;
    }

    /** Writes all of {@code buffer} (position to limit) at {@code offset}. */
    void writeFully(ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** Reads {@code buffer}'s remaining bytes from {@code offset}; false at the end of the file. */
    boolean readFully(ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }

    /** Closes and deletes the file, and forces the directory. */
    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
        syncDirectory(path.getParent());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Forces the directory's entries (a created or deleted segment): without it a crash may leave a new segment's
     * name unwritten although its content was forced, or resurrect a deleted one.
     */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }
}
