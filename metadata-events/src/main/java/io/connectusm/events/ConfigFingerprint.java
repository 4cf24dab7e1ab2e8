package io.connectusm.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * The fingerprint of a connector's <em>masked</em> configuration: {@code "sha256:"} followed by 64 lowercase
 * hex digits. Two configurations have the same fingerprint exactly when they have the same keys and values,
 * so a receiver can tell from a {@link ClusterInventory} whether it holds the latest config of a connector.
 *
 * <p>Only ever compute it over the masked config, the one a {@link ConnectorSnapshot} carries. A hash of a
 * secret is a leak: passwords and keys are short and guessable enough to be found by hashing candidates.
 * {@link ConnectorSnapshot} checks that its masked keys carry {@link ConnectorSnapshot#MASKED_VALUE} before
 * it accepts a fingerprint.
 *
 * <p>Canonical encoding, so any language can recompute it: SHA-256 over the entries sorted by key, where keys
 * compare by their UTF-8 bytes as unsigned numbers (Unicode code point order), and each entry is the key's
 * UTF-8 length as a 4-byte big-endian integer, the key's UTF-8 bytes, then the value's UTF-8 length and bytes
 * the same way; a {@code null} value is written as the length {@code 0xFFFFFFFF} and no bytes. The length
 * prefixes make the encoding unambiguous: no two different maps produce the same bytes. Stateless and
 * thread-safe.
 */
public final class ConfigFingerprint {

    /** The algorithm prefix of every fingerprint. */
    public static final String PREFIX = "sha256:";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Never used itself: only cloned, so it stays in its initial state. */
    private static final MessageDigest SHA256 = newSha256();

    private ConfigFingerprint() {
    }

    /**
     * Computes the fingerprint of a masked configuration.
     *
     * @param maskedConfig the configuration with every secret value already replaced by
     *                     {@link ConnectorSnapshot#MASKED_VALUE}; {@code null} values are allowed
     * @return {@code "sha256:"} and 64 lowercase hex digits
     * @throws IllegalArgumentException if a key or value is not well-formed Unicode (a lone surrogate), which
     *                                  has no exact UTF-8 encoding; the message names the key, not the value
     */
    public static String of(Map<String, String> maskedConfig) {
        String[] keys = new String[maskedConfig.size()];
        String[] values = new String[keys.length];
        int count = 0;
        for (Map.Entry<String, String> entry : maskedConfig.entrySet()) {
            keys[count] = entry.getKey();
            values[count++] = entry.getValue();
        }
        return of(keys, values, count);
    }

    /**
     * {@link #of(Map)} of the first {@code count} entries of two parallel arrays, whose keys are distinct: what
     * {@link EventScanner} has in hand, without building a map.
     */
    static String of(String[] keys, String[] values, int count) {
        boolean bmpOnly = true;
        for (int i = 0; i < count; i++) {
            if (!Text.isWellFormed(keys[i])) {
                throw new IllegalArgumentException("a config key is not well-formed Unicode");
            }
            if (values[i] != null && !Text.isWellFormed(values[i])) {
                throw new IllegalArgumentException("the value of config key '" + keys[i] + "' is not well-formed Unicode");
            }
            bmpOnly &= !hasSurrogate(keys[i]);
        }
        DigestSink sink = DigestSink.acquire();
        if (isSorted(keys, count, bmpOnly)) {
            // A worker sends its config sorted (a SortedMap): no order to build.
            for (int i = 0; i < count; i++) {
                sink.string(keys[i]);
                sink.string(values[i]);
            }
            return PREFIX + hex(sink.finish());
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (bmpOnly) {
            // Without surrogates, UTF-16 order is code point order, which is the unsigned order of the UTF-8 bytes.
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        } else {
            byte[][] utf8Keys = new byte[count][];
            for (int i = 0; i < count; i++) {
                utf8Keys[i] = utf8(keys[i]);
            }
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(utf8Keys[a], utf8Keys[b]));
        }
        for (int i : order) {
            sink.string(keys[i]);
            sink.string(values[i]);
        }
        return PREFIX + hex(sink.finish());
    }

    /**
     * {@link #of(String[], String[], int)} of entries given as UTF-8 slices of {@code document}, four ints an entry
     * (key from, to; value from, to; value from -1 for {@code null}), as {@link EventScanner}'s fast path finds them:
     * hashed as they are, when the keys are in strictly ascending order (as a worker sends them); {@code null} when
     * not, and the caller takes the strings' way. Unsigned byte order of UTF-8 is code point order, so "sorted" means
     * the same in both.
     */
    static String ofUtf8(byte[] document, int[] slices, int count) {
        byte[] digest = digestUtf8(document, slices, count);
        return digest == null ? null : PREFIX + hex(digest);
    }

    /**
     * Whether {@code fingerprint} is the fingerprint of the entries {@link #ofUtf8} reads: {@code null} when it returns
     * {@code null} (keys not in ascending order), else whether {@code fingerprint.equals(ofUtf8(...))}, without the
     * string (the agent checks the fingerprint of every snapshot it accepts).
     */
    static Boolean isOfUtf8(String fingerprint, byte[] document, int[] slices, int count) {
        byte[] digest = digestUtf8(document, slices, count);
        return digest == null ? null : isHexOf(fingerprint, digest);
    }

    /** Whether {@code fingerprint} equals {@code PREFIX + hex(digest)}. */
    static boolean isHexOf(String fingerprint, byte[] digest) {
        if (fingerprint.length() != PREFIX.length() + 2 * digest.length || !fingerprint.startsWith(PREFIX)) {
            return false;
        }
        int at = PREFIX.length();
        for (byte b : digest) {
            if (fingerprint.charAt(at++) != HEX[(b >> 4) & 0xf] || fingerprint.charAt(at++) != HEX[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** The SHA-256 that {@link #ofUtf8} writes in hex, or {@code null} as it returns. */
    private static byte[] digestUtf8(byte[] document, int[] slices, int count) {
        for (int i = 1; i < count; i++) {
            int a = 4 * (i - 1);
            int b = 4 * i;
            if (Arrays.compareUnsigned(document, slices[a], slices[a + 1], document, slices[b], slices[b + 1]) >= 0) {
                return null;
            }
        }
        DigestSink sink = DigestSink.acquire();
        for (int i = 0; i < count; i++) {
            int at = 4 * i;
            sink.utf8(document, slices[at], slices[at + 1]);
            if (slices[at + 2] < 0) {
                sink.count(DigestSink.NULL_LENGTH);
            } else {
                sink.utf8(document, slices[at + 2], slices[at + 3]);
            }
        }
        return sink.finish();
    }

    /** Whether the keys are in ascending code point order already (distinct keys: strictly ascending). */
    private static boolean isSorted(String[] keys, int count, boolean bmpOnly) {
        for (int i = 1; i < count; i++) {
            int order = bmpOnly ? keys[i - 1].compareTo(keys[i])
                    : Arrays.compareUnsigned(utf8(keys[i - 1]), utf8(keys[i]));
            if (order >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code fingerprint} has the form {@code sha256:} plus 64 lowercase hex digits. */
    public static boolean isWellFormed(String fingerprint) {
        if (fingerprint == null || fingerprint.length() != PREFIX.length() + 64 || !fingerprint.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < fingerprint.length(); i++) {
            char c = fingerprint.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    // java.util.HexFormat is Java 17; this class is Java 11 bytecode (it is shaded into the worker plugin).
    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh SHA-256: a clone of a prototype where the provider allows it (looking a provider up is the slow part). */
    static MessageDigest sha256() {
        if (SHA256 != null) {
            try {
                return (MessageDigest) SHA256.clone();
            } catch (CloneNotSupportedException e) {
                // fall through: a provider without clone
            }
        }
        return newSha256();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
