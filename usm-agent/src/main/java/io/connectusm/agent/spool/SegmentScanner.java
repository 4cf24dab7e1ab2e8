package io.connectusm.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads one {@link LogSegment} from its start at open, record by record, and says where its intact part ends: at the
 * first record that is cut short, has an impossible length, an unknown type or a CRC that does not match. The caller
 * decides what that means (a torn tail of the last segment is cut; anywhere else it is damage).
 *
 * <p>Not thread-safe; one per open, its read buffer reused from segment to segment.
 */
final class SegmentScanner {

    /** What the scan found, record by record. */
    interface Visitor {
        void put(long number, int offset, int valueLength);

        void remove(long number);
    }

    /** The first byte after the intact records, and whether that is the end of the file. */
    record Result(long end, boolean complete) {
    }

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    /** The file offset of the buffer's first byte. */
    private long bufferAt;

    /**
     * Whether the segment starts with its header; a segment that does not holds nothing usable.
     */
    boolean hasHeader(LogSegment segment) throws IOException {
        if (segment.size < LogRecords.FILE_HEADER) {
            return false;
        }
        ByteBuffer header = ByteBuffer.allocate(LogRecords.FILE_HEADER);
        return segment.readFully(header, 0) && header.getLong(0) == LogRecords.MAGIC
                && header.getLong(8) == segment.number;
    }

    /** Scans the records after the header (which the caller checked). */
    Result scan(LogSegment segment, Visitor visitor) throws IOException {
        long fileSize = segment.size;
        buffer.clear().limit(0);
        bufferAt = LogRecords.FILE_HEADER;
        long at = LogRecords.FILE_HEADER;
        while (at < fileSize) {
            if (fileSize - at < LogRecords.FRAME || !ensure(segment, at, LogRecords.FRAME)) {
                return new Result(at, false);
            }
            int length = buffer.getInt(buffer.position());
            int expected = buffer.getInt(buffer.position() + 4);
            if (!LogRecords.isPlausible(length) || fileSize - at - LogRecords.FRAME < length
                    || !ensure(segment, at, LogRecords.FRAME + length)) {
                return new Result(at, false);
            }
            int body = buffer.position() + LogRecords.FRAME;
            buffer.position(body);
            if (!LogRecords.isIntact(buffer, crc, length, expected)) {
                return new Result(at, false);
            }
            long number = buffer.getLong(body + 1);
            if (buffer.get(body) == LogRecords.PUT) {
                visitor.put(number, (int) at, length - LogRecords.MIN_BODY);
            } else {
                visitor.remove(number);
            }
            at += LogRecords.FRAME + length;
        }
        return new Result(at, true);
    }

    /**
     * Positions the buffer at file offset {@code at} with {@code bytes} readable from there, reading from the file
     * (growing the buffer for a record larger than it) when it does not hold them yet; false when the file is shorter.
     */
    private boolean ensure(LogSegment segment, long at, int bytes) throws IOException {
        if (at >= bufferAt && at + bytes <= bufferAt + buffer.limit()) {
            buffer.position((int) (at - bufferAt));
            return true;
        }
        if (bytes > buffer.capacity()) {
            buffer = ByteBuffer.allocate(Integer.highestOneBit(bytes) << 1);
        }
        int toRead = (int) Math.min(buffer.capacity(), segment.size - at);
        if (toRead < bytes) {
            return false;
        }
        buffer.clear().limit(toRead);
        if (!segment.readFully(buffer, at)) {
            return false;
        }
        bufferAt = at;
        buffer.position(0);
        return true;
    }
}
