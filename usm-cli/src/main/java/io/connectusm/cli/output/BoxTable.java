package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The bordered two-column table Confluent's CLI prints for one resource (create, describe):
 * <pre>
 * +--------------------------------+--------------------------+
 * | ID                             | usmcc-global-ghijkl67890 |
 * | Confluent Platform Connect     | connect-group-xyz123     |
 * | Cluster                        |                          |
 * +--------------------------------+--------------------------+
 * </pre>
 * Cells wrap as {@link TableCell} lays them out; everything is left-aligned (Confluent sets {@code ALIGN_LEFT}),
 * numbers too. Stateless.
 */
final class BoxTable {

    private BoxTable() {
    }

    static String render(List<Field> fields) {
        List<TableCell> labels = new ArrayList<>();
        List<TableCell> values = new ArrayList<>();
        int labelWidth = 0;
        int valueWidth = 0;
        for (Field f : fields) {
            TableCell label = TableCell.of(f.label());
            TableCell value = TableCell.of(f.value());
            labels.add(label);
            values.add(value);
            labelWidth = Math.max(labelWidth, label.width());
            valueWidth = Math.max(valueWidth, value.width());
        }
        String border = "+" + "-".repeat(labelWidth + 2) + "+" + "-".repeat(valueWidth + 2) + "+\n";
        StringBuilder out = new StringBuilder(border);
        for (int row = 0; row < fields.size(); row++) {
            int height = Math.max(labels.get(row).height(), values.get(row).height());
            for (int line = 0; line < height; line++) {
                out.append("| ").append(Cells.left(labels.get(row).line(line), labelWidth))
                        .append(" | ").append(Cells.left(values.get(row).line(line), valueWidth))
                        .append(" |\n");
            }
        }
        return out.append(border).toString();
    }
}
