package io.connectusm.cli.output;

import java.util.List;

/**
 * One table cell laid out as tablewriter's {@code parseDimension} does with auto-wrap and reflow on (Confluent's
 * settings): the cell's lines joined into one paragraph, wrapped at the width of its widest line but at most
 * {@value TextWrap#DEFAULT_LIMIT} columns, so a cell (or header) longer than that takes several rows and its column
 * is then 30 wide, or as wide as its longest word. Immutable.
 *
 * @param lines the cell's lines
 * @param width the width its column needs for it
 */
record TableCell(List<String> lines, int width) {

    static TableCell of(String text) {
        String value = text == null ? "" : text;
        String[] raw = value.split("\n", -1);
        int maxWidth = 0;
        for (String line : raw) {
            maxWidth = Math.max(maxWidth, TextWrap.width(line));
        }
        maxWidth = Math.min(maxWidth, TextWrap.DEFAULT_LIMIT);
        List<String> lines = TextWrap.wrap(String.join(" ", raw), maxWidth);
        int width = maxWidth;
        for (String line : lines) {
            width = Math.max(width, TextWrap.width(line));
        }
        return new TableCell(lines, width);
    }

    /** Line {@code i}, or empty below the cell's last line. */
    String line(int i) {
        return i < lines.size() ? lines.get(i) : "";
    }

    int height() {
        return lines.size();
    }
}
