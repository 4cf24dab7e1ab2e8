package io.connectusm.secrets.detect;

/**
 * Private keys: PEM blocks whose label ends with {@code PRIVATE KEY} (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP
 * {@code PRIVATE KEY BLOCK}) up to their {@code -----END …-----} line or, when it is missing (a truncated echo),
 * the end of the text; PuTTY key files; and base64 DER without armour, recognised by what it decodes to: a
 * SEQUENCE whose first element is the INTEGER 0 or 1 — the version field that opens PKCS#1, PKCS#8 and SEC1
 * private keys, and no certificate or public key. Stateless.
 */
final class PrivateKeys {

    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final int MAX_LABEL = 48;
    /** Shorter base64 runs are no private key (an EC P-256 key in SEC1 is 164 characters). */
    private static final int MIN_DER_CHARS = 64;
    /** A DER key is not even looked at in fewer characters than this (its ASN.1 head). */
    static final int MIN_DER_PROBE_CHARS = 16;
    static final String PUTTY_HEADER = "PuTTY-User-Key-File-";

    private PrivateKeys() {
    }

    static Finding pem(String text, int i) {
        if (!text.startsWith(BEGIN, i)) {
            return null;
        }
        int labelStart = i + BEGIN.length();
        int labelEnd = labelStart;
        int max = Math.min(text.length(), labelStart + MAX_LABEL);
        while (labelEnd < max && isLabelChar(text.charAt(labelEnd))) {
            labelEnd++;
        }
        if (!text.startsWith(DASHES, labelEnd) || !(endsWith(text, labelEnd, "PRIVATE KEY")
                || endsWith(text, labelEnd, "PRIVATE KEY BLOCK"))) {
            return null;
        }
        int endMarker = text.indexOf("-----END", labelEnd + DASHES.length());
        if (endMarker < 0) {
            return new Finding(i, text.length(), CredentialKind.PEM_PRIVATE_KEY);
        }
        int close = text.indexOf(DASHES, endMarker + 8);
        int end = close < 0 || close > endMarker + 8 + MAX_LABEL ? text.length() : close + DASHES.length();
        return new Finding(i, end, CredentialKind.PEM_PRIVATE_KEY);
    }

    /** A PuTTY private key file, from its header to the end of the text. */
    static Finding putty(String text, int i) {
        return text.startsWith(PUTTY_HEADER, i)
                ? new Finding(i, text.length(), CredentialKind.PEM_PRIVATE_KEY) : null;
    }

    static Finding der(String text, int i) {
        if (i + MIN_DER_PROBE_CHARS > text.length() || !startsBase64Run(text, i)) {
            return null;
        }
        byte[] head = Base64Prefix.decode(text, i, 16);
        if (head == null || head[0] != 0x30) {
            return null;
        }
        int length = head[1] & 0xff;
        int off;
        if (length < 0x80) {
            off = 2;
        } else if (length == 0x81) {
            off = 3;
        } else if (length == 0x82) {
            off = 4;
        } else {
            return null;
        }
        if (head[off] != 0x02 || head[off + 1] != 0x01 || (head[off + 2] != 0 && head[off + 2] != 1)) {
            return null;
        }
        int end = base64RunEnd(text, i);
        return end - i >= MIN_DER_CHARS ? new Finding(i, end, CredentialKind.DER_PRIVATE_KEY) : null;
    }

    private static boolean startsBase64Run(String text, int i) {
        if (i == 0) {
            return true;
        }
        char previous = text.charAt(i - 1);
        return !Chars.isBase64(previous) && previous != '=';
    }

    /** The end of a base64 run, across line breaks (real or {@code \n}-escaped) that continue it. */
    private static int base64RunEnd(String text, int i) {
        int end = i;
        int n = text.length();
        while (end < n) {
            char c = text.charAt(end);
            if (Chars.isBase64(c) || c == '=') {
                end++;
            } else if ((c == '\n' || c == '\r') && end + 1 < n && Chars.isBase64(text.charAt(end + 1))) {
                end++;
            } else if (c == '\\' && end + 2 < n && text.charAt(end + 1) == 'n' && Chars.isBase64(text.charAt(end + 2))) {
                end += 2;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean isLabelChar(char c) {
        return Chars.isUpper(c) || Chars.isDigit(c) || c == ' ';
    }

    private static boolean endsWith(String text, int end, String suffix) {
        int start = end - suffix.length();
        return start >= 0 && text.startsWith(suffix, start);
    }
}
