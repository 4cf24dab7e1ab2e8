package io.connectusm.events;

/**
 * Strict UTF-8 for {@link JsonBytes}: a sequence is read only when it is well-formed (RFC 3629: shortest form, no
 * surrogate, at most U+10FFFF, not cut off); anything else throws {@link NotFast}, and Jackson reads the document
 * (and says what it finds). On well-formed input Jackson decodes the same code points. Stateless.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The code point of the multi-byte sequence at {@code i} (its lead byte is 0x80 or above). */
    static int codePoint(byte[] in, int i, int end) {
        int lead = in[i] & 0xff;
        if (lead >= 0xc2 && lead <= 0xdf) {
            return (lead & 0x1f) << 6 | continuation(in, i + 1, end, 0x80, 0xbf);
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            // E0 needs A0.. (else overlong), ED at most 9F (else a surrogate).
            int second = continuation(in, i + 1, end, lead == 0xe0 ? 0xa0 : 0x80, lead == 0xed ? 0x9f : 0xbf);
            return (lead & 0x0f) << 12 | second << 6 | continuation(in, i + 2, end, 0x80, 0xbf);
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            // F0 needs 90.. (else overlong), F4 at most 8F (else past U+10FFFF).
            int second = continuation(in, i + 1, end, lead == 0xf0 ? 0x90 : 0x80, lead == 0xf4 ? 0x8f : 0xbf);
            return (lead & 0x07) << 18 | second << 12 | continuation(in, i + 2, end, 0x80, 0xbf) << 6
                    | continuation(in, i + 3, end, 0x80, 0xbf);
        }
        throw NotFast.INSTANCE;
    }

    /** How many bytes the UTF-8 of {@code code} (above U+007F) takes. */
    static int sequenceLength(int code) {
        return code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    }

    /** The six payload bits of the continuation byte at {@code i}, which must lie in {@code [low, high]}. */
    private static int continuation(byte[] in, int i, int end, int low, int high) {
        if (i >= end) {
            throw NotFast.INSTANCE;
        }
        int b = in[i] & 0xff;
        if (b < low || b > high) {
            throw NotFast.INSTANCE;
        }
        return b & 0x3f;
    }
}
