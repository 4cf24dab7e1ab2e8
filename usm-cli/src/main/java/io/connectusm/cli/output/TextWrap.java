package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word wrapping exactly as Confluent's CLI tables do it (olekukonko/tablewriter 0.0.5, {@code WrapString} and
 * {@code WrapWords}): words are split at single spaces, the limit grows to the longest word (a word is never
 * broken), and breaks minimise the sum of squared trailing gaps of all lines but the last. Stateless.
 */
final class TextWrap {

    /** Columns a table cell may take before it wraps, as in Confluent's CLI. */
    static final int DEFAULT_LIMIT = 30;
    private static final int OVERFLOW_PENALTY = 100_000;

    private TextWrap() {
    }

    /** The lines of {@code text} wrapped at {@code limit} (or at its longest word, when that is longer). */
    static List<String> wrap(String text, int limit) {
        String[] words = text.replace('\n', ' ').split(" ", -1);
        int lim = limit;
        for (String word : words) {
            lim = Math.max(lim, width(word));
        }
        int n = words.length;
        // length[i][j]: width of words i..j joined by single spaces
        int[][] length = new int[n][n];
        for (int i = 0; i < n; i++) {
            length[i][i] = width(words[i]);
            for (int j = i + 1; j < n; j++) {
                length[i][j] = length[i][j - 1] + 1 + width(words[j]);
            }
        }
        int[] cost = new int[n];
        int[] next = new int[n];
        Arrays.fill(cost, Integer.MAX_VALUE);
        for (int i = n - 1; i >= 0; i--) {
            if (length[i][n - 1] <= lim) {
                cost[i] = 0;
                next[i] = n;
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                int gap = lim - length[i][j - 1];
                int c = gap * gap + cost[j];
                if (length[i][j - 1] > lim) {
                    c += OVERFLOW_PENALTY;
                }
                if (c < cost[i]) {
                    cost[i] = c;
                    next[i] = j;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i = next[i]) {
            lines.add(String.join(" ", Arrays.copyOfRange(words, i, next[i])));
        }
        return lines;
    }

    /** Display width: one column per code point (no East Asian wide characters in what the CLI prints). */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
