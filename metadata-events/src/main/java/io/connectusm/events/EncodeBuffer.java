package io.connectusm.events;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The buffer one document is written into before it is copied out at its exact length; {@link EventCodec} keeps
 * one spare and reuses it, so encoding a batch allocates the returned array and little else. Not thread-safe: one
 * writer at a time (the codec hands it out to one caller).
 */
final class EncodeBuffer extends OutputStream {

    /** A buffer grown past this is not kept for reuse: one large batch must not pin its size for good. */
    static final int MAX_KEPT_BYTES = 1 << 20;

    private byte[] bytes = new byte[16 * 1024];
    private int length;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** The bytes written since the last {@link #reset()}, in a new array of their length. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void reset() {
        length = 0;
    }

    /** Whether it is small enough to be kept for the next document. */
    boolean worthKeeping() {
        return bytes.length <= MAX_KEPT_BYTES;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            // Doubling, as ByteArrayOutputStream; a document is at most EventLimits.MAX_DOCUMENT_BYTES (64 MiB).
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
