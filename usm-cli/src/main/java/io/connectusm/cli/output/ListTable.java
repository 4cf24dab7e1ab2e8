package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The borderless column table Confluent's CLI prints for lists:
 * <pre>
 *        ID       |   Confluent Platform Connect   | Cloud
 *                 |            Cluster             |
 * ----------------+--------------------------------+--------
 *   usmcc-f3a90de | connect-group-xyz123           | AWS
 * </pre>
 * Headers centred, and wrapped onto more rows like every cell when longer than 30 columns ({@link TableCell});
 * numbers right-aligned, everything else left-aligned, as Confluent sets its column alignments. Stateless.
 */
final class ListTable {

    private ListTable() {
    }

    /**
     * @param headers the column headers
     * @param numeric which columns hold numbers (right-aligned)
     * @param rows    the cells, row by row, each as wide as {@code headers}
     */
    static String render(List<String> headers, boolean[] numeric, List<List<String>> rows) {
        int columns = headers.size();
        int[] width = new int[columns];
        List<TableCell> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add(TableCell.of(headers.get(c)));
            width[c] = header.get(c).width();
        }
        List<List<TableCell>> cells = new ArrayList<>();
        for (List<String> row : rows) {
            List<TableCell> laidOut = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                TableCell cell = TableCell.of(row.get(c));
                laidOut.add(cell);
                width[c] = Math.max(width[c], cell.width());
            }
            cells.add(laidOut);
        }
        StringBuilder out = new StringBuilder();
        int headerHeight = header.stream().mapToInt(TableCell::height).max().orElse(1);
        for (int line = 0; line < headerHeight; line++) {
            out.append(' ');
            for (int c = 0; c < columns; c++) {
                out.append(' ').append(Cells.center(header.get(c).line(line), width[c])).append(' ')
                        .append(c == columns - 1 ? " " : "|");
            }
            out.append('\n');
        }
        out.append('-');
        for (int c = 0; c < columns; c++) {
            out.append("-".repeat(width[c] + 2)).append(c == columns - 1 ? "-" : "+");
        }
        out.append('\n');
        for (List<TableCell> row : cells) {
            int height = row.stream().mapToInt(TableCell::height).max().orElse(1);
            for (int line = 0; line < height; line++) {
                out.append(' ');
                for (int c = 0; c < columns; c++) {
                    String text = row.get(c).line(line);
                    out.append(' ').append(numeric[c] ? Cells.right(text, width[c]) : Cells.left(text, width[c]))
                            .append(' ').append(c == columns - 1 ? " " : "|");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
