package io.connectusm.agent.spool;

import io.connectusm.events.ScannedEvent;
import io.connectusm.events.StateDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The stored layout of one pending event. Its key in the {@link EntryLog} is its <em>entry number</em>: a {@code long}
 * that counts up across the whole spool, so entries sort in arrival order (the index reads them back in that order at
 * start). Its value: a format byte, the number of its spool key ({@code SpoolFile#keys()}), the 32-byte state digest
 * and the event as {@code application/cloudevents+json}, the bytes the worker sent — so that neither the forwarder nor
 * a restart has to look into an event to know whose it is or what state it carries.
 *
 * <p>The layout before this one ({@value SpoolFile#EVENTS_MAP} map) keyed entries by
 * {@code <SpoolKey.encode()>/<seq as 16 hex digits>} ({@link #storeKey}, {@link #parseKey}) with values of format 1
 * (no key number); the index moves such entries at start. Stateless.
 */
final class SpoolRecord {

    private static final byte FORMAT = 2;
    private static final byte PREVIOUS_FORMAT = 1;
    private static final int DIGEST_BYTES = StateDigest.BYTES;
    private static final int KEY_NUMBER_AT = 1;
    private static final int DIGEST_AT = KEY_NUMBER_AT + Integer.BYTES;
    private static final int HEADER = DIGEST_AT + DIGEST_BYTES;
    private static final int PREVIOUS_HEADER = 1 + DIGEST_BYTES;
    private static final String ZEROS = "0000000000000000";

    /** A parsed store key of the previous layout. */
    record Key(SpoolKey key, long seq) {
    }

    private SpoolRecord() {
    }

    /**
     * The stored value of an event — its state digest and its JSON, copied out of its batch — with no key number yet:
     * the index sets it ({@link #setKeyNumber}) on the committer thread, which owns the value from then on.
     */
    static byte[] value(byte[] digest, ScannedEvent event) {
        byte[] value = new byte[HEADER + event.length()];
        value[0] = FORMAT;
        System.arraycopy(digest, 0, value, DIGEST_AT, DIGEST_BYTES);
        event.copyJson(value, HEADER);
        return value;
    }

    /** A value of the previous layout turned into this one's (no key number yet); {@code null} if not well-formed. */
    static byte[] fromPrevious(byte[] previous) {
        if (previous == null || previous.length <= PREVIOUS_HEADER || previous[0] != PREVIOUS_FORMAT) {
            return null;
        }
        byte[] value = new byte[HEADER + previous.length - PREVIOUS_HEADER];
        value[0] = FORMAT;
        System.arraycopy(previous, 1, value, DIGEST_AT, previous.length - 1);
        return value;
    }

    /** A value of the previous layout: its digest and an event's JSON (what earlier agents and migrations wrote). */
    static byte[] previousValue(byte[] digest, byte[] json) {
        byte[] value = new byte[PREVIOUS_HEADER + json.length];
        value[0] = PREVIOUS_FORMAT;
        System.arraycopy(digest, 0, value, 1, DIGEST_BYTES);
        System.arraycopy(json, 0, value, PREVIOUS_HEADER, json.length);
        return value;
    }

    static void setKeyNumber(byte[] value, int number) {
        value[KEY_NUMBER_AT] = (byte) (number >>> 24);
        value[KEY_NUMBER_AT + 1] = (byte) (number >>> 16);
        value[KEY_NUMBER_AT + 2] = (byte) (number >>> 8);
        value[KEY_NUMBER_AT + 3] = (byte) number;
    }

    /** The number of the spool key of a well-formed value. */
    static int keyNumber(byte[] value) {
        return (value[KEY_NUMBER_AT] & 0xff) << 24 | (value[KEY_NUMBER_AT + 1] & 0xff) << 16
                | (value[KEY_NUMBER_AT + 2] & 0xff) << 8 | value[KEY_NUMBER_AT + 3] & 0xff;
    }

    /**
     * The store key, in the previous layout, of entry {@code seq} of the spool key whose {@link SpoolKey#encode()} is
     * {@code prefix}.
     */
    static String storeKey(String prefix, long seq) {
        String hex = Long.toHexString(seq);
        return prefix + '/' + ZEROS.substring(hex.length()) + hex;
    }

    /** The inverse of {@link #storeKey}; {@code null} for a string it did not produce. */
    static Key parseKey(String storeKey) {
        int slash = storeKey.lastIndexOf('/');
        if (slash < 0 || storeKey.length() - slash - 1 != ZEROS.length()) {
            return null;
        }
        SpoolKey key = SpoolKey.decode(storeKey.substring(0, slash));
        try {
            return key == null ? null : new Key(key, Long.parseUnsignedLong(storeKey.substring(slash + 1), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A digest as the index keeps it, hex. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Whether {@code value} has this layout (it may still hold JSON that is not a valid event). */
    static boolean isWellFormed(byte[] value) {
        return value != null && value.length > HEADER && value[0] == FORMAT;
    }

    /** The state digest in a well-formed value, hex. */
    static String digest(byte[] value) {
        return HexFormat.of().formatHex(value, DIGEST_AT, HEADER);
    }

    /** The event's JSON in a well-formed value. */
    static byte[] json(byte[] value) {
        return Arrays.copyOfRange(value, HEADER, value.length);
    }

    /** The length of the event's JSON: what the spool accounts against {@code spool.max.bytes}. */
    static int jsonLength(byte[] value) {
        return jsonLength(value.length);
    }

    /** The length of the JSON in a value of {@code valueLength} bytes. */
    static int jsonLength(int valueLength) {
        return valueLength - HEADER;
    }
}
