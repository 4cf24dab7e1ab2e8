package io.connectusm.secrets.detect;

/** Character classes of the detectors (ASCII; anything else is in no class). Stateless. */
final class Chars {

    private Chars() {
    }

    static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    static boolean isHexLower(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f');
    }

    static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    /** Characters of a key name written inside a value: {@code db_password}, {@code javax.net.ssl.keyStorePassword}. */
    static boolean isKeyChar(char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '-';
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** Characters of a host name (or IPv4 address) in a URL authority. */
    static boolean isHostChar(char c) {
        // Non-ASCII letters too: an internationalised host name (IDN, e.g. dbé.example) as users write it.
        return isAlnum(c) || c == '.' || c == '-' || c == '_' || c == '%' || c >= 0x80 && Character.isLetterOrDigit(c);
    }

    /** {@code text[i]} starts a word: it is the first character or follows a non-alphanumeric one. */
    static boolean isWordStart(CharSequence text, int i) {
        return i == 0 || !isAlnum(text.charAt(i - 1));
    }

    /** Case-insensitive {@code text.regionMatches} for an ASCII lower-case {@code word}. */
    static boolean matchesIgnoreCase(CharSequence text, int at, String word) {
        if (at < 0 || at + word.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = text.charAt(at + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} contains the ASCII lower-case {@code word} ignoring case; one pass. */
    static boolean containsIgnoreCase(CharSequence text, String word) {
        char first = word.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper) && matchesIgnoreCase(text, i, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} contains the ASCII lower-case {@code word}, ignoring case, not inside a longer word. */
    static boolean containsWordIgnoreCase(CharSequence text, String word) {
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if (matchesIgnoreCase(text, i, word) && isWordStart(text, i)
                    && (i + word.length() == text.length() || !isAlnum(text.charAt(i + word.length())))) {
                return true;
            }
        }
        return false;
    }
}
