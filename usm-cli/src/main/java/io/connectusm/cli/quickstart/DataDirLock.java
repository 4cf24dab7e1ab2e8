package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

import io.connectusm.cli.output.UsmCliException;

/**
 * An exclusive lock on a data directory for as long as one quickstart runs, so a second run on the same directory
 * stops at once with a clear message instead of taking the first one's child JVMs for leftovers or failing on the
 * endpoint's locked database. The operating system releases it when the process dies, however it dies. Closing
 * releases it; idempotent.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws UsmCliException when another quickstart holds it */
    static DataDirLock acquire(QuickstartLayout layout) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String holder = Files.readString(layout.lockFile(), StandardCharsets.UTF_8).trim();
                throw new UsmCliException("another usm quickstart" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + " is running on --data-dir " + layout.root() + ": stop it with Ctrl-C, or pass another "
                        + "--data-dir");
            }
            channel.truncate(0);
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(pid));
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + layout.lockFile(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
