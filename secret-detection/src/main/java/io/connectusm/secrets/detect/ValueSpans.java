package io.connectusm.secrets.detect;

/**
 * Where an assigned value starts and ends, by the syntax it is written in (see {@link InlineAssignments}).
 * Spans are packed into a long ({@code start << 32 | end}) so that no object is made per value. Stateless.
 */
final class ValueSpans {

    /** How a bare (unquoted, unbracketed) value is delimited. */
    enum Syntax {
        /** After a tight separator ({@code password=x}): up to whitespace or a separator of any syntax. */
        TIGHT,
        /** After a spaced separator ({@code password = x y}): up to the end of the line or a separator. */
        SPACED,
        /** A JAAS config: the rest of the line, quotes included. */
        LINE,
        /** An {@code Authorization} header: the scheme word is kept, the credential after it is the value. */
        HEADER
    }

    private ValueSpans() {
    }

    /**
     * The value starting at {@code p}.
     *
     * @param syntax how a bare value ends
     * @param inUrl  the value is a URL query parameter's: {@code #} (the fragment) ends it too
     */
    static long of(String text, int p, Syntax syntax, boolean inUrl) {
        int n = text.length();
        char v = text.charAt(p);
        if (v == '\\' && p + 1 < n && Chars.isQuote(text.charAt(p + 1))) {
            int start = p + 2;
            return pack(start, escapedQuote(text, start, text.charAt(p + 1)));
        }
        if (Chars.isQuote(v)) {
            return pack(p + 1, closingQuote(text, p + 1, v));
        }
        if (v == '{' || v == '[') {
            return pack(p, balancedEnd(text, p));
        }
        if (v == '$' && p + 1 < n && text.charAt(p + 1) == '{') {
            int close = UrlCredentials.indexOf(text, '}', p, n);
            return pack(p, close < 0 ? n : close + 1);
        }
        if (syntax == Syntax.LINE) {
            int end = p;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r'
                    && !(text.charAt(end) == '\\' && end + 1 < n && text.charAt(end + 1) == 'n')) {
                end++;
            }
            return pack(p, end);
        }
        if (syntax == Syntax.HEADER) {
            int start = p;
            int word = p;
            while (word < n && Chars.isLetter(text.charAt(word))) {
                word++;
            }
            if (word > p && word + 1 < n && text.charAt(word) == ' ' && !Chars.isWhitespace(text.charAt(word + 1))) {
                start = word + 1;
            }
            int end = start;
            while (end < n && !isTightEnd(text.charAt(end))) {
                end++;
            }
            return pack(start, end);
        }
        int end = p;
        if (syntax == Syntax.SPACED) {
            while (end < n && !isLineEnd(text.charAt(end))) {
                end++;
            }
            while (end > p && Chars.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
        } else {
            while (end < n && !isTightEnd(text.charAt(end)) && !(inUrl && text.charAt(end) == '#')) {
                end++;
            }
        }
        return pack(p, end);
    }

    private static long pack(int start, int end) {
        return ((long) start << 32) | (end & 0xffffffffL);
    }

    /** The index of the closing {@code quote} (backslash escapes skipped), or the end of the text. */
    private static int closingQuote(String text, int from, char quote) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return n;
    }

    /** The index of the closing {@code \"} of a JSON-escaped string, or the end of the text. */
    private static int escapedQuote(String text, int from, char quote) {
        int n = text.length();
        for (int i = from; i + 1 < n; i++) {
            if (text.charAt(i) == '\\' && text.charAt(i + 1) == quote) {
                return i;
            }
        }
        return n;
    }

    /** Just after the bracket that closes the one at {@code open} (quotes honoured), or the end of the text. */
    private static int balancedEnd(String text, int open) {
        int n = text.length();
        int depth = 0;
        for (int i = open; i < n; i++) {
            char c = text.charAt(i);
            if (Chars.isQuote(c)) {
                i = closingQuote(text, i + 1, c);
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return n;
    }

    private static boolean isTightEnd(char c) {
        switch (c) {
            case '&': case ';': case ',': case '"': case '\'': case ')': case ']': case '}': case '<': case '>':
            case '|': case '\\':
                return true;
            default:
                return Chars.isWhitespace(c);
        }
    }

    private static boolean isLineEnd(char c) {
        switch (c) {
            case '\n': case '\r': case '&': case ';': case '"': case '\'': case '|': case '\\': case ')': case ']':
            case '}': case '<':
                return true;
            default:
                return false;
        }
    }
}
