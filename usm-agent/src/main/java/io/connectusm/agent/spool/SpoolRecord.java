package io.connectusm.agent.spool;

import io.connectusm.events.ScannedEvent;
import io.connectusm.events.StateDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The store layout of one pending event: its MVMap key is {@code <SpoolKey.encode()>/<seq as 16 hex digits>}
 * (seq counts up per spool key, so a key's entries sort in arrival order), its value one format byte, the
 * 32-byte state digest and the event as {@code application/cloudevents+json}. One entry per event makes a new
 * state an insert plus the removal of the oldest, instead of a rewrite of the key's whole history; the digest
 * travels with the bytes so that neither the forwarder nor a restart has to decode an event to know it.
 * Stateless.
 */
final class SpoolRecord {

    private static final byte FORMAT = 1;
    private static final int DIGEST_BYTES = StateDigest.BYTES;
    private static final int HEADER = 1 + DIGEST_BYTES;
    private static final String ZEROS = "0000000000000000";

    /** A parsed store key. */
    record Key(SpoolKey key, long seq) {
    }

    private SpoolRecord() {
    }

    /** The store key of entry {@code seq} of the spool key whose {@link SpoolKey#encode()} is {@code prefix}. */
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
