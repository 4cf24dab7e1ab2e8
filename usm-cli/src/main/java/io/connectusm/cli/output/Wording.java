package io.connectusm.cli.output;

import java.util.List;
import java.util.Locale;

/**
 * The English of Confluent's CLI messages, so several IDs read as it writes them: plurals
 * ({@code USM Connect clusters}), quoted lists ({@code "a" and "b"}, {@code "a", "b", and "c"}) and the past
 * tense of a verb ({@code delete} → {@code Deleted}). Stateless.
 */
public final class Wording {

    private Wording() {
    }

    /** Confluent's {@code plural.Plural}: {@code -ty} → {@code -ties}, {@code -s/-x/-z/-ch/-sh} → {@code +es}. */
    public static String plural(String word) {
        if (word.isEmpty()) {
            return word;
        }
        if (word.endsWith("ty")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        for (String suffix : new String[] {"s", "x", "z", "ch", "sh"}) {
            if (word.endsWith(suffix)) {
                return word + "es";
            }
        }
        return word + "s";
    }

    /** {@code word} for one, its plural for more. */
    public static String count(String word, int n) {
        return n == 1 ? word : plural(word);
    }

    /** Confluent's {@code ArrayToCommaDelimitedString(ids, "and")}. */
    public static String quotedList(List<String> items) {
        return quotedList(items, "and");
    }

    /** Confluent's {@code ArrayToCommaDelimitedString(items, conjunction)}: {@code "a", "b", or "c"}. */
    public static String quotedList(List<String> items, String conjunction) {
        return switch (items.size()) {
            case 0 -> "";
            case 1 -> "\"" + items.get(0) + "\"";
            case 2 -> "\"" + items.get(0) + "\" " + conjunction + " \"" + items.get(1) + "\"";
            default -> {
                StringBuilder out = new StringBuilder();
                for (String item : items.subList(0, items.size() - 1)) {
                    out.append('"').append(item).append("\", ");
                }
                yield out.append(conjunction).append(" \"").append(items.get(items.size() - 1)).append('"')
                        .toString();
            }
        };
    }

    /** {@code deregister} → {@code Deregistered}, {@code delete} → {@code Deleted}. */
    public static String pastTense(String verb) {
        String past = verb.endsWith("e") ? verb + "d" : verb + "ed";
        return past.substring(0, 1).toUpperCase(Locale.ROOT) + past.substring(1);
    }
}
