package io.connectusm.agent.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of the {@link EntryLog}'s records. A segment file starts with a {@value #FILE_HEADER}-byte header
 * (magic {@code USMLOG01}, the segment's number); then records, each
 * <pre>
 *   int  length    of the body (type, number, value)
 *   int  crc       CRC32C of the body
 *   byte type      {@value #PUT} (PUT) or {@value #REMOVE} (REMOVE)
 *   long number    the entry number
 *   byte[] value   PUT only: the entry's {@link SpoolRecord} value
 * </pre>
 * big-endian. The CRC covers the body, not the position, so a record can be copied verbatim to another segment
 * (compaction). A length out of range or a CRC that does not match marks the end of what was written completely.
 * Stateless apart from the {@link CRC32C} each caller owns.
 */
final class LogRecords {

    static final long MAGIC = 0x5553_4d4c_4f47_3031L; // "USMLOG01"
    static final int FILE_HEADER = 16;
    /** Length, CRC, type and entry number: the bytes before a PUT's value. */
    static final int HEADER = 4 + 4 + 1 + 8;
    static final int FRAME = 8;
    static final byte PUT = 1;
    static final byte REMOVE = 2;
    /** The body of a REMOVE: type and number. */
    static final int MIN_BODY = 1 + 8;
    /**
     * Larger bodies are taken for damage: an event is at most the wire contract's document size (a few MB), so a
     * length beyond this is a torn or foreign length field, not a record.
     */
    static final int MAX_BODY = 64 << 20;

    private LogRecords() {
    }

    /** Writes a PUT of {@code value} into {@code out} (which has room) at its position. */
    static void putRecord(ByteBuffer out, CRC32C crc, long number, byte[] value) {
        crc.reset();
        crc.update(PUT);
        updateLong(crc, number);
        crc.update(value, 0, value.length);
        out.putInt(MIN_BODY + value.length).putInt((int) crc.getValue()).put(PUT).putLong(number).put(value);
    }

    /** Writes a REMOVE of {@code number} into {@code out} (which has room) at its position. */
    static void removeRecord(ByteBuffer out, CRC32C crc, long number) {
        crc.reset();
        crc.update(REMOVE);
        updateLong(crc, number);
        out.putInt(MIN_BODY).putInt((int) crc.getValue()).put(REMOVE).putLong(number);
    }

    /** Writes a segment file's header into {@code out}. */
    static void fileHeader(ByteBuffer out, int segment) {
        out.putLong(MAGIC).putLong(segment);
    }

    /**
     * Whether the body of {@code length} bytes at {@code in}'s position (which holds it all) matches {@code expected}
     * and is a PUT or a well-sized REMOVE. Leaves {@code in}'s position unchanged.
     */
    static boolean isIntact(ByteBuffer in, CRC32C crc, int length, int expected) {
        int at = in.position();
        byte type = in.get(at);
        if (type != PUT && !(type == REMOVE && length == MIN_BODY)) {
            return false;
        }
        crc.reset();
        int limit = in.limit();
        in.limit(at + length);
        crc.update(in);
        in.limit(limit).position(at);
        return (int) crc.getValue() == expected;
    }

    /** Whether {@code length} is a possible body length. */
    static boolean isPlausible(int length) {
        return length >= MIN_BODY && length <= MAX_BODY;
    }

    private static void updateLong(CRC32C crc, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (value >>> shift));
        }
    }
}
