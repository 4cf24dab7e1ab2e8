package io.connectusm.cli.output;

import java.util.regex.Pattern;

/** Cell padding rules shared by the tables (tablewriter's default alignment). Stateless. */
final class Cells {

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+\\.?\\d*$");

    private Cells() {
    }

    /** Numbers right-aligned, everything else left-aligned, padded to {@code width}. */
    static String align(String value, int width) {
        String pad = " ".repeat(Math.max(0, width - value.length()));
        return NUMBER.matcher(value).matches() ? pad + value : value + pad;
    }

    /** Centred, the odd space going right. */
    static String center(String value, int width) {
        int gap = Math.max(0, width - value.length());
        int left = gap / 2;
        return " ".repeat(left) + value + " ".repeat(gap - left);
    }
}
