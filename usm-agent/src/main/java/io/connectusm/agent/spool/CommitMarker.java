package io.connectusm.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the spool's {@link EntryLog} ended when it was last forced ({@link EntryLog#position()}: head segment and
 * length), kept in a 16-byte file next to it. The log cuts a torn or damaged tail at open, which after a crash is
 * routine (a write never promised) but after a truncation or a damaged disk loses events answered 204; comparing
 * where the log opened with this marker is how the spool tells the two apart.
 *
 * <p>The marker is written after the log's fsync (once the commit's futures completed, so no 204 waits for it)
 * and is not forced itself: what is on disk is therefore never ahead of the log (no false alarm), at worst one
 * commit behind after a power loss or a crash between the two (a loss of just that commit goes unnoticed). A
 * process crash ({@code kill -9}) loses nothing of the log, the page cache survives it.
 *
 * <p>Not thread-safe: the spool's committer thread is its only user. Lifecycle: {@link #open}, {@link #read},
 * {@link #write} per commit, {@link #close()}.
 */
final class CommitMarker implements AutoCloseable {

    /** The marker's file name inside the spool directory. */
    static final String FILE_NAME = "entries.committed";
    /** The marker of agents before the log, which held the MVStore's version; deleted at open. */
    static final String PREVIOUS_FILE_NAME = "spool.committed";

    /** {@link #read()} when there is no marker or it is not readable. */
    static final long UNKNOWN = -1;

    private static final int SIZE = 16;
    private static final long CHECK = 0x5553_4d53_504f_4f4cL; // "USMSPOOL"

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(SIZE);

    private CommitMarker(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (or creates) the marker file. */
    static CommitMarker open(Path file) throws IOException {
        return new CommitMarker(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /**
     * The position written last, or {@link #UNKNOWN} for a new or unreadable marker (its second half, the
     * position XOR a constant, tells a torn or foreign file from a real one).
     */
    long read() throws IOException {
        ByteBuffer in = ByteBuffer.allocate(SIZE);
        while (in.hasRemaining() && channel.read(in, in.position()) > 0) {
            // read until full or end of file
        }
        if (in.hasRemaining()) {
            return UNKNOWN;
        }
        in.flip();
        long version = in.getLong();
        return (in.getLong() ^ CHECK) == version && version >= 0 ? version : UNKNOWN;
    }

    /** Records {@code version} (a log position) as committed: one positional write, no fsync (class comment). */
    void write(long version) throws IOException {
        buffer.clear();
        buffer.putLong(version).putLong(version ^ CHECK).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
