package io.connectusm.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private static final int NULL_LENGTH = 0xFFFFFFFF;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        List<byte[][]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = keys[i];
            String value = values[i];
            if (!Text.isWellFormed(key)) {
                throw new IllegalArgumentException("a config key is not well-formed Unicode");
            }
            if (value != null && !Text.isWellFormed(value)) {
                throw new IllegalArgumentException("the value of config key '" + key + "' is not well-formed Unicode");
            }
            entries.add(new byte[][] {utf8(key), value == null ? null : utf8(value)});
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));

        MessageDigest sha256 = sha256();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        for (byte[][] entry : entries) {
            for (byte[] part : entry) {
                length.clear();
                sha256.update(length.putInt(part == null ? NULL_LENGTH : part.length).array());
                if (part != null) {
                    sha256.update(part);
                }
            }
        }
        return PREFIX + hex(sha256.digest());
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
