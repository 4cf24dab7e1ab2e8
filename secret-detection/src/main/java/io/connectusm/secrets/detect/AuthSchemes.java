package io.connectusm.secrets.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP credentials written without their header name: {@code Bearer <token>} (16+ token characters mixing case
 * or holding a digit) and {@code Basic <base64>} (decoding to {@code user:password}). Stateless.
 */
final class AuthSchemes {

    private static final int MIN_BEARER = 16;
    private static final int MIN_BASIC = 8;

    private AuthSchemes() {
    }

    /** At the space after the scan's pending word: the credential if the word is a scheme, else null. */
    static Finding afterWord(Scan scan) {
        String text = scan.text;
        int word = scan.wordStart;
        int length = scan.wordEnd - word;
        boolean bearer = length == 6 && Chars.matchesIgnoreCase(text, word, "bearer");
        boolean basic = length == 5 && Chars.matchesIgnoreCase(text, word, "basic");
        if (!bearer && !basic) {
            return null;
        }
        int start = scan.wordEnd + 1;
        int end = start;
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        while (end < scan.length && isToken68(text.charAt(end))) {
            char c = text.charAt(end++);
            upper |= Chars.isUpper(c);
            lower |= Chars.isLower(c);
            digit |= Chars.isDigit(c);
        }
        boolean credential = bearer
                ? end - start >= MIN_BEARER && (digit || (upper && lower))
                : end - start >= MIN_BASIC && decodesToUserPassword(text.substring(start, end));
        return credential && !UrlCredentials.isMasked(text, start, end)
                ? new Finding(start, end, CredentialKind.AUTH_HEADER) : null;
    }

    private static boolean decodesToUserPassword(String base64) {
        try {
            String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
            if (decoded.indexOf(':') <= 0) {
                return false;
            }
            for (int i = 0; i < decoded.length(); i++) {
                if (decoded.charAt(i) < 0x20 || decoded.charAt(i) > 0x7e) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean isToken68(char c) {
        return Chars.isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
