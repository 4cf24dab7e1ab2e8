package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping as Confluent's CLI tables do it (olekukonko/tablewriter): lines of at most {@code limit}
 * columns, breaks chosen to minimise raggedness (the sum of squared trailing gaps, the last line free), and a
 * single word longer than the limit kept whole. Stateless.
 */
final class TextWrap {

    /** Columns a table cell may take before it wraps, as in Confluent's CLI. */
    static final int DEFAULT_LIMIT = 30;
    private static final int OVERFLOW_PENALTY = 100_000;

    private TextWrap() {
    }

    static List<String> wrap(String text, int limit) {
        String[] words = text.trim().split("\\s+");
        int n = words.length;
        if (text.isBlank()) {
            return List.of("");
        }
        // length[i][j]: width of words i..j joined by single spaces
        int[][] length = new int[n][n];
        for (int i = 0; i < n; i++) {
            length[i][i] = words[i].length();
            for (int j = i + 1; j < n; j++) {
                length[i][j] = length[i][j - 1] + 1 + words[j].length();
            }
        }
        int[] cost = new int[n];
        int[] next = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            if (length[i][n - 1] <= limit) {
                cost[i] = 0;
                next[i] = n;
                continue;
            }
            // The rest does not fit on one line: if nothing better exists (a single overlong word), it
            // still becomes one line, at the overflow penalty.
            cost[i] = OVERFLOW_PENALTY;
            next[i] = n;
            for (int j = i + 1; j < n; j++) {
                int gap = limit - length[i][j - 1];
                int c = gap * gap + cost[j];
                if (length[i][j - 1] > limit) {
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
            lines.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, next[i])));
        }
        return lines;
    }
}
