package io.connectusm.secrets.keys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Splits a config key name into lower-case tokens: on every character that is not a letter or a digit
 * ({@code .}, {@code _}, {@code -}, spaces, {@code /} …), at camelCase humps ({@code dbPassword} → {@code db},
 * {@code password}; {@code HTTPHeaders} → {@code http}, {@code headers}) and where letters meet digits
 * ({@code db2password} → {@code db}, {@code 2}, {@code password}).
 *
 * <p>Glued lower-case words ({@code apikey}, {@code dbpassword}) stay one token: {@link SecretNameRule} looks at
 * their endings. Stateless; thread-safe.
 */
public final class KeyTokens {

    private KeyTokens() {
    }

    /** The tokens of the whole of {@code text}. */
    public static List<String> of(CharSequence text) {
        return of(text, 0, text.length());
    }

    /** The tokens of {@code text[start, end)}; an empty list when it holds no letter or digit. */
    public static List<String> of(CharSequence text, int start, int end) {
        List<String> tokens = null;
        int tokenStart = -1;
        int wordStart = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                tokens = add(tokens, text, tokenStart, i);
                tokens = glueScrambledCase(tokens, text, wordStart, i);
                tokenStart = -1;
                wordStart = i + 1;
                continue;
            }
            if (tokenStart >= 0 && startsNewToken(text, i, end)) {
                tokens = add(tokens, text, tokenStart, i);
                tokenStart = -1;
            }
            if (tokenStart < 0) {
                tokenStart = i;
            }
        }
        tokens = add(tokens, text, tokenStart, end);
        tokens = glueScrambledCase(tokens, text, wordStart, end);
        return tokens == null ? Collections.emptyList() : tokens;
    }

    /**
     * A word whose case changes every letter or two ({@code PaSsWoRd}, {@code pAsSwOrD}) is no camelCase: its humps
     * mean nothing, so its tokens (the last ones added) become the word itself, lower-cased, as a glued word is
     * ({@code password}; digits still split off). It takes three or more letter humps of at most two letters, and at most one longer one
     * ({@code getIOStream} keeps its humps).
     */
    private static List<String> glueScrambledCase(List<String> tokens, CharSequence text, int from, int to) {
        if (tokens == null || to - from < 4) {
            return tokens;
        }
        int humps = 0;
        int shortHumps = 0;
        int first = tokens.size();
        int letters = 0;
        for (int i = tokens.size() - 1, consumed = 0; i >= 0 && consumed < to - from; i--) {
            String token = tokens.get(i);
            consumed += token.length();
            first = i;
            if (Character.isLetter(token.charAt(0))) {
                humps++;
                letters += token.length();
                if (token.length() <= 2) {
                    shortHumps++;
                }
            }
        }
        if (shortHumps < 3 || humps - shortHumps > 1 || letters != countLetters(text, from, to)) {
            return tokens;
        }
        List<String> out = new ArrayList<>(tokens.subList(0, first));
        int runStart = from;
        for (int i = from + 1; i <= to; i++) { // letters and digits still part ways: PaSsWoRd2 -> password, 2
            if (i == to || Character.isDigit(text.charAt(i)) != Character.isDigit(text.charAt(i - 1))) {
                out.add(text.subSequence(runStart, i).toString().toLowerCase(Locale.ROOT));
                runStart = i;
            }
        }
        return out;
    }

    private static int countLetters(CharSequence text, int from, int to) {
        int letters = 0;
        for (int i = from; i < to; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }

    private static List<String> add(List<String> tokens, CharSequence text, int from, int to) {
        if (from < 0 || to <= from) {
            return tokens;
        }
        List<String> out = tokens == null ? new ArrayList<>(6) : tokens;
        out.add(text.subSequence(from, to).toString().toLowerCase(Locale.ROOT));
        return out;
    }

    /** {@code text[i]} follows a letter or digit of the same token so far: does a new token start here? */
    private static boolean startsNewToken(CharSequence text, int i, int end) {
        char previous = text.charAt(i - 1);
        char c = text.charAt(i);
        if (Character.isDigit(previous) != Character.isDigit(c)) {
            return true;
        }
        if (Character.isLowerCase(previous) && Character.isUpperCase(c)) {
            return true;
        }
        // The last capital of an acronym starts the next word: "HTTPHeaders" -> "HTTP" + "Headers".
        return Character.isUpperCase(previous) && Character.isUpperCase(c)
                && i + 1 < end && Character.isLowerCase(text.charAt(i + 1));
    }
}
