package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The bordered two-column table Confluent's CLI prints after create/describe:
 * <pre>
 * +--------------------------------+--------------------------+
 * | ID                             | usmcc-global-ghijkl67890 |
 * | Confluent Platform Connect     | connect-group-xyz123     |
 * | Cluster                        |                          |
 * +--------------------------------+--------------------------+
 * </pre>
 * Cells wrap at 30 columns ({@link TextWrap}); a wrapped column is then 30 wide. Stateless.
 */
final class BoxTable {

    private BoxTable() {
    }

    static String render(List<Field> fields) {
        List<List<String>> labels = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        int labelWidth = 0;
        int valueWidth = 0;
        for (Field f : fields) {
            WrappedCell label = WrappedCell.of(f.label());
            WrappedCell value = WrappedCell.of(f.value());
            labels.add(label.lines());
            values.add(value.lines());
            labelWidth = Math.max(labelWidth, label.width());
            valueWidth = Math.max(valueWidth, value.width());
        }
        String border = "+" + "-".repeat(labelWidth + 2) + "+" + "-".repeat(valueWidth + 2) + "+\n";
        StringBuilder out = new StringBuilder(border);
        for (int row = 0; row < fields.size(); row++) {
            int height = Math.max(labels.get(row).size(), values.get(row).size());
            for (int line = 0; line < height; line++) {
                out.append("| ").append(Cells.align(lineOf(labels.get(row), line), labelWidth))
                        .append(" | ").append(Cells.align(lineOf(values.get(row), line), valueWidth))
                        .append(" |\n");
            }
        }
        return out.append(border).toString();
    }

    private static String lineOf(List<String> lines, int i) {
        return i < lines.size() ? lines.get(i) : "";
    }

    /** A cell's lines after wrapping and the width its column needs for it. */
    private record WrappedCell(List<String> lines, int width) {
        static WrappedCell of(String text) {
            String value = text == null ? "" : text;
            int natural = value.length();
            if (natural <= TextWrap.DEFAULT_LIMIT) {
                return new WrappedCell(List.of(value), natural);
            }
            List<String> lines = TextWrap.wrap(value, TextWrap.DEFAULT_LIMIT);
            int width = TextWrap.DEFAULT_LIMIT;
            for (String line : lines) {
                width = Math.max(width, line.length());
            }
            return new WrappedCell(lines, width);
        }
    }
}
