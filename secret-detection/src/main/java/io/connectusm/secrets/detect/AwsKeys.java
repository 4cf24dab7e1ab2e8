package io.connectusm.secrets.detect;

/**
 * AWS credentials: access key IDs ({@code AKIA}, {@code ASIA}, {@code ABIA}, {@code ACCA} and 16 upper-case
 * letters or digits) anywhere, and 40-character secret access keys (base64 alphabet, mixing upper case, lower
 * case and digits) as candidates that count only when the text is about AWS (see {@link Scan}). Stateless.
 */
final class AwsKeys {

    private static final String[] KEY_ID_PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA"};
    static final int KEY_ID_LENGTH = 20;
    static final int SECRET_LENGTH = 40;

    private AwsKeys() {
    }

    static Finding accessKeyId(String text, int i) {
        int end = i + KEY_ID_LENGTH;
        if (end > text.length() || !hasKeyIdPrefix(text, i)) {
            return null;
        }
        for (int j = i + 4; j < end; j++) {
            char c = text.charAt(j);
            if (!Chars.isUpper(c) && !Chars.isDigit(c)) {
                return null;
            }
        }
        if (end < text.length() && Chars.isAlnum(text.charAt(end))) {
            return null;
        }
        return new Finding(i, end, CredentialKind.AWS_ACCESS_KEY_ID);
    }

    static void noteSecretCandidate(Scan scan, int i) {
        String text = scan.text;
        int end = i + SECRET_LENGTH;
        // O(1) rejections first: this runs at every word start of every scanned string.
        if (end > text.length() || !Chars.isBase64(text.charAt(end - 1))
                || (end < text.length() && isSecretChar(text.charAt(end)))
                || (i > 0 && isSecretChar(text.charAt(i - 1)))) {
            return;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int j = i; j < end; j++) {
            char c = text.charAt(j);
            if (!Chars.isBase64(c)) {
                return;
            }
            upper |= Chars.isUpper(c);
            lower |= Chars.isLower(c);
            digit |= Chars.isDigit(c);
        }
        if (upper && lower && digit) {
            scan.awsSecretCandidate(new Finding(i, end, CredentialKind.AWS_SECRET_KEY));
        }
    }

    private static boolean isSecretChar(char c) {
        return Chars.isBase64(c) || c == '=';
    }

    private static boolean hasKeyIdPrefix(String text, int i) {
        for (String prefix : KEY_ID_PREFIXES) {
            if (text.startsWith(prefix, i)) {
                return true;
            }
        }
        return false;
    }
}
