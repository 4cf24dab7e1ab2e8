package io.connectusm.secrets.detect;

/** Decodes a short prefix of base64 or base64url text without allocating more than the result. Stateless. */
final class Base64Prefix {

    private Base64Prefix() {
    }

    /**
     * The bytes of {@code text[start, start + chars)} ({@code chars} a multiple of 4), read as base64 or base64url;
     * null if a character is neither.
     */
    static byte[] decode(CharSequence text, int start, int chars) {
        byte[] out = new byte[chars / 4 * 3];
        int o = 0;
        for (int i = start; i < start + chars; i += 4) {
            int bits = 0;
            for (int j = 0; j < 4; j++) {
                int v = value(text.charAt(i + j));
                if (v < 0) {
                    return null;
                }
                bits = (bits << 6) | v;
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }
}
