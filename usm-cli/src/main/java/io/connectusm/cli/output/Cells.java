package io.connectusm.cli.output;

/** Cell padding as tablewriter pads (its {@code PadRight}, {@code PadLeft} and centring {@code Pad}). Stateless. */
final class Cells {

    private Cells() {
    }

    static String left(String value, int width) {
        return value + " ".repeat(Math.max(0, width - TextWrap.width(value)));
    }

    static String right(String value, int width) {
        return " ".repeat(Math.max(0, width - TextWrap.width(value))) + value;
    }

    /** Centred, the odd space going right. */
    static String center(String value, int width) {
        int gap = Math.max(0, width - TextWrap.width(value));
        int left = gap / 2;
        return " ".repeat(left) + value + " ".repeat(gap - left);
    }
}
