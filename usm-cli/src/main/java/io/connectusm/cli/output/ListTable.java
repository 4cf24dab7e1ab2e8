package io.connectusm.cli.output;

import java.util.List;

/**
 * The borderless column table Confluent's CLI prints for lists:
 * <pre>
 *       ID      |        Name         | Status
 * --------------+---------------------+---------
 *   clcc-wzxp69 | my-custom-connector | RUNNING
 * </pre>
 * Headers centred, cells aligned by {@link Cells#align}, no wrapping. Stateless.
 */
final class ListTable {

    private ListTable() {
    }

    static String render(List<String> headers, List<List<String>> rows) {
        int columns = headers.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder(" ");
        for (int c = 0; c < columns; c++) {
            out.append(' ').append(Cells.center(headers.get(c), width[c])).append(' ')
                    .append(c == columns - 1 ? " " : "|");
        }
        out.append('\n').append('-');
        for (int c = 0; c < columns; c++) {
            out.append("-".repeat(width[c] + 2)).append(c == columns - 1 ? "-" : "+");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append(' ');
            for (int c = 0; c < columns; c++) {
                out.append(' ').append(Cells.align(row.get(c), width[c])).append(' ')
                        .append(c == columns - 1 ? " " : "|");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
