package io.connectusm.secrets.detect;

import java.nio.charset.StandardCharsets;

/**
 * JSON Web Tokens in compact form: three base64url segments (JWS; the signature may be empty) or five (JWE),
 * separated by dots, whose first segment decodes to a JSON object naming an {@code "alg"}.
 *
 * <p>Every start inside one base64url run shares the same segment structure, so it is scanned once per run
 * ({@link Memo}); each start then only decodes its own bounded header. Stateless apart from the memo, which
 * belongs to one scan.
 */
final class JsonWebTokens {

    /** Longer segments are not taken for a token (and bound each scan). */
    private static final int MAX_SEGMENT = 16_384;
    /** At most this much of the header is decoded to look for {@code "alg"}. */
    private static final int MAX_HEADER_CHARS = 512;
    static final int MIN_HEADER_CHARS = 12;
    private static final int MIN_PAYLOAD_CHARS = 8;

    /** The structure of the last run examined. Confined to one scan. */
    static final class Memo {
        private int runStart = -1;
        private int firstSegmentEnd = -1;
        private int tokenEnd = -1;
    }

    private JsonWebTokens() {
    }

    static Finding at(Scan scan, int i) {
        String text = scan.text;
        if (!text.startsWith("eyJ", i)) {
            return null;
        }
        Memo memo = scan.jwtMemo();
        if (i <= memo.runStart || i >= memo.firstSegmentEnd) {
            memo.runStart = i;
            memo.firstSegmentEnd = segmentEnd(text, i);
            memo.tokenEnd = structureEnd(text, memo.firstSegmentEnd);
        }
        if (memo.tokenEnd < 0 || memo.firstSegmentEnd - i < MIN_HEADER_CHARS
                || !headerNamesAlgorithm(text, i, memo.firstSegmentEnd)) {
            return null;
        }
        return new Finding(i, memo.tokenEnd, CredentialKind.JWT);
    }

    private static int segmentEnd(String text, int from) {
        int end = from;
        int max = Math.min(text.length(), from + MAX_SEGMENT);
        while (end < max && Chars.isBase64Url(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The end of the token whose first segment ends at {@code firstEnd}, or -1 if the dots do not follow. */
    private static int structureEnd(String text, int firstEnd) {
        int n = text.length();
        if (firstEnd >= n || text.charAt(firstEnd) != '.') {
            return -1;
        }
        int payloadStart = firstEnd + 1;
        int payloadEnd = segmentEnd(text, payloadStart);
        if (payloadEnd >= n || text.charAt(payloadEnd) != '.') {
            return -1;
        }
        int thirdEnd = segmentEnd(text, payloadEnd + 1);
        if (thirdEnd < n && text.charAt(thirdEnd) == '.') {
            int fourthEnd = segmentEnd(text, thirdEnd + 1);
            if (fourthEnd < n && text.charAt(fourthEnd) == '.') {
                return segmentEnd(text, fourthEnd + 1);
            }
        }
        boolean jsonPayload = payloadEnd - payloadStart >= MIN_PAYLOAD_CHARS && text.startsWith("ey", payloadStart);
        return jsonPayload ? thirdEnd : -1;
    }

    private static boolean headerNamesAlgorithm(String text, int start, int end) {
        int chars = Math.min(end - start, MAX_HEADER_CHARS) / 4 * 4;
        byte[] header = Base64Prefix.decode(text, start, chars);
        return header != null && new String(header, StandardCharsets.ISO_8859_1).contains("\"alg\"");
    }
}
