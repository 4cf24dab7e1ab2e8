package io.connectusm.agent.spool;

import io.connectusm.events.ScannedEvent;
import io.connectusm.events.StateDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The store layout of one pending event: its MVMap key is one {@code long}, the number of its spool key (see
 * {@code SpoolFile#keys()}) in the upper {@value #KEY_ID_BITS} bits and its sequence number in that key's history in
 * the lower {@value #SEQ_BITS} (seq counts up per spool key, so a key's entries sort together, in arrival order); its
 * value one format byte, the 32-byte state digest and the event as {@code application/cloudevents+json}, the bytes
 * the worker sent. One entry per event makes a new state an insert plus the removal of the oldest, instead of a
 * rewrite of the key's whole history; the digest travels with the bytes so that neither the forwarder nor a restart
 * has to look into an event to know it. A numeric key is what the committer writes most (every B-tree page it rewrites
 * holds keys): eight bytes instead of a ~80-character string.
 *
 * <p>The layout before this one keyed entries by {@code <SpoolKey.encode()>/<seq as 16 hex digits>}
 * ({@link #storeKey}, {@link #parseKey}); the index moves such entries at start. Stateless.
 */
final class SpoolRecord {

    private static final byte FORMAT = 1;
    private static final int DIGEST_BYTES = StateDigest.BYTES;
    private static final int HEADER = 1 + DIGEST_BYTES;
    private static final String ZEROS = "0000000000000000";

    static final int KEY_ID_BITS = 23;
    static final int SEQ_BITS = 40;
    /** Spool key numbers are 1 to this; a key number in the upper bits keeps every store key positive. */
    static final long MAX_KEY_ID = (1L << KEY_ID_BITS) - 1;
    /** A key's sequence numbers never reach this (2^40: a trillion states). */
    static final long SEQ_LIMIT = 1L << SEQ_BITS;

    /** A parsed store key of the previous layout. */
    record Key(SpoolKey key, long seq) {
    }

    private SpoolRecord() {
    }

    /** The store key of entry {@code seq} of spool key number {@code keyId}. */
    static long entryKey(long keyId, long seq) {
        if (keyId < 1 || keyId > MAX_KEY_ID || seq < 0 || seq >= SEQ_LIMIT) {
            throw new IllegalStateException("spool key number " + keyId + " or sequence number " + seq
                    + " out of the store layout's range");
        }
        return keyId << SEQ_BITS | seq;
    }

    /** The spool key number of a store key. */
    static long keyIdOf(long entryKey) {
        return entryKey >>> SEQ_BITS;
    }

    /** The sequence number of a store key. */
    static long seqOf(long entryKey) {
        return entryKey & (SEQ_LIMIT - 1);
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

    /** The stored value of an event: its state digest ({@link StateDigest}) and its JSON, copied out of its batch. */
    static byte[] value(byte[] digest, ScannedEvent event) {
        byte[] value = new byte[HEADER + event.length()];
        value[0] = FORMAT;
        System.arraycopy(digest, 0, value, 1, DIGEST_BYTES);
        event.copyJson(value, HEADER);
        return value;
    }

    /** The stored value of a digest and an event's JSON. */
    static byte[] value(byte[] digest, byte[] json) {
        byte[] value = new byte[HEADER + json.length];
        value[0] = FORMAT;
        System.arraycopy(digest, 0, value, 1, DIGEST_BYTES);
        System.arraycopy(json, 0, value, HEADER, json.length);
        return value;
    }

    /** A digest as the index keeps it, hex. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Whether {@code value} has this layout (it may still hold JSON that does not decode). */
    static boolean isWellFormed(byte[] value) {
        return value != null && value.length > HEADER && value[0] == FORMAT;
    }

    /** The state digest in a well-formed value, hex. */
    static String digest(byte[] value) {
        return HexFormat.of().formatHex(value, 1, HEADER);
    }

    /** The event's JSON in a well-formed value. */
    static byte[] json(byte[] value) {
        return Arrays.copyOfRange(value, HEADER, value.length);
    }

    /** The length of the event's JSON: what the spool accounts against {@code spool.max.bytes}. */
    static int jsonLength(byte[] value) {
        return value.length - HEADER;
    }
}
