package io.connectusm.events;

import java.security.MessageDigest;

/**
 * Feeds a canonical, length-prefixed encoding to SHA-256 through one small buffer, each string encoded to UTF-8
 * straight into it: what {@link StateDigest} and {@link ConfigFingerprint} hash, without a {@code byte[]} per string
 * (the agent digests every config entry of every event it accepts).
 *
 * <p>Strings must be well-formed Unicode (the callers check it, the contract carries nothing else), so that their
 * UTF-8 is exact.
 *
 * <p>Not thread-safe: one digest at a time. {@link #acquire()} lends this thread's sink (its buffer and its SHA-256
 * reused from one digest to the next: the agent computes two digests per event it accepts, and a fresh sink is a
 * {@code MessageDigest} clone and 1 KB of garbage each), or a new one while that one is lent; {@link #finish()} gives
 * it back. A digest that never finishes (an error midway, which the callers' checks before it rule out) only keeps
 * the thread's sink lent, so that later digests on the thread take new ones: a sink is never shared by two digests.
 * The thread's sink holds nothing of a digest once finished (its buffer is overwritten by the next, and a
 * {@code MessageDigest} is reset by {@code digest()}).
 */
final class DigestSink {

    /** The length written for {@code null}. */
    static final int NULL_LENGTH = 0xFFFFFFFF;

    private static final ThreadLocal<DigestSink> THREAD_SINK = ThreadLocal.withInitial(DigestSink::new);

    private final MessageDigest sha256 = ConfigFingerprint.sha256();
    private final byte[] buffer = new byte[1024];
    private int used;
    /** Whether this is a thread's sink lent to a digest not finished yet. */
    private boolean lent;

    /** A sink for one digest: this thread's when it is free (see the class comment). */
    static DigestSink acquire() {
        DigestSink sink = THREAD_SINK.get();
        if (sink.lent) {
            return new DigestSink();
        }
        sink.lent = true;
        return sink;
    }

    /** Raw bytes, as they are. */
    void bytes(byte[] bytes) {
        room(bytes.length);
        if (bytes.length > buffer.length) {
            sha256.update(bytes);
            return;
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    /**
     * As {@link #string} of the text whose UTF-8 is {@code [from, to)} of {@code utf8}: its length, then the bytes as
     * they are (a receiver hashes the bytes it was sent, without a {@code String} between).
     */
    void utf8(byte[] utf8, int from, int to) {
        int length = to - from;
        count(length);
        room(length);
        if (length > buffer.length) {
            sha256.update(utf8, from, length);
            return;
        }
        System.arraycopy(utf8, from, buffer, used, length);
        used += length;
    }

    /** A 4-byte big-endian integer. */
    void count(int value) {
        room(Integer.BYTES);
        buffer[used++] = (byte) (value >>> 24);
        buffer[used++] = (byte) (value >>> 16);
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    /** Its UTF-8 length as {@link #count}, then its UTF-8 bytes; {@code null} as {@link #NULL_LENGTH}. */
    void string(String text) {
        if (text == null) {
            count(NULL_LENGTH);
            return;
        }
        int length = text.length();
        if (length + Integer.BYTES <= buffer.length) {
            // Optimistically ASCII, the common case (one byte a char): copied in one pass behind a length slot,
            // which is filled in if it was; otherwise the slot is given back and the general path runs.
            room(Integer.BYTES + length);
            int at = used + Integer.BYTES;
            int i = 0;
            while (i < length) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buffer[at + i++] = (byte) c;
            }
            if (i == length) {
                count(length);
                used += length;
                return;
            }
        }
        count(utf8Length(text, length));
        for (int i = 0; i < length; i++) {
            if (used + 4 > buffer.length) {
                flush();
            }
            int c = text.charAt(i);
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xc0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate((char) c) && i + 1 < length) {
                int code = Character.toCodePoint((char) c, text.charAt(++i));
                buffer[used++] = (byte) (0xf0 | code >> 18);
                buffer[used++] = (byte) (0x80 | code >> 12 & 0x3f);
                buffer[used++] = (byte) (0x80 | code >> 6 & 0x3f);
                buffer[used++] = (byte) (0x80 | code & 0x3f);
            } else {
                buffer[used++] = (byte) (0xe0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3f);
                buffer[used++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    /** The digest of everything fed; the sink is then empty (and, if {@link #acquire lent}, given back). */
    byte[] finish() {
        flush();
        byte[] digest = sha256.digest();
        lent = false;
        return digest;
    }

    /** The UTF-8 length of well-formed {@code text}: a surrogate pair is 4 bytes, 2 chars. */
    private static int utf8Length(String text, int length) {
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            flush();
        }
    }

    private void flush() {
        sha256.update(buffer, 0, used);
        used = 0;
    }
}
