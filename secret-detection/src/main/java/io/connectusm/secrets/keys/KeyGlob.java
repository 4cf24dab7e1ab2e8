package io.connectusm.secrets.keys;

import java.util.Locale;

/**
 * An operator's key pattern ({@code sensitive.key.patterns}, {@code nonsensitive.key.patterns}): {@code *} matches
 * any run of characters (also none), every other character itself; matching ignores case and covers the whole key.
 *
 * <p>Matched without regular expressions, in time proportional to key length times pattern length at worst.
 * Immutable; thread-safe.
 */
public final class KeyGlob {

    private final String pattern;

    private KeyGlob(String pattern) {
        this.pattern = pattern;
    }

    /** The glob for {@code pattern} (trimmed, lower-cased). */
    public static KeyGlob of(String pattern) {
        return new KeyGlob(pattern.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code lowerCaseKey} (already lower-cased) matches the whole pattern. */
    public boolean matchesLowerCase(String lowerCaseKey) {
        int k = 0;
        int p = 0;
        int starAt = -1;
        int keyAtStar = 0;
        while (k < lowerCaseKey.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == lowerCaseKey.charAt(k)) {
                k++;
                p++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                keyAtStar = k;
            } else if (starAt >= 0) {
                p = starAt + 1;
                k = ++keyAtStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
