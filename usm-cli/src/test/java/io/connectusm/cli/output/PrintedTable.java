package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A list table as {@code usm} printed it, parsed back into cells: lets a test check a column whose values differ
 * per run (wall-clock times) and mask it before a golden-file comparison, whose column widths would otherwise
 * change with the values. Immutable.
 *
 * @param headers the column headers
 * @param rows    the cells, row by row
 */
public record PrintedTable(List<String> headers, List<List<String>> rows) {

    /** Parses a one-line-per-row table printed by {@code ResultPrinter.list} (header, separator, rows). */
    public static PrintedTable parse(String printed) {
        List<String> lines = printed.lines().toList();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            rows.add(cells(line));
        }
        return new PrintedTable(cells(lines.get(0)), rows);
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
    }

    /** The cells of column {@code header}, top to bottom. */
    public List<String> column(String header) {
        int c = headers.indexOf(header);
        return rows.stream().map(row -> row.get(c)).toList();
    }

    /** A copy with every cell of column {@code header} replaced by {@code mask}'s result. */
    public PrintedTable mapColumn(String header, UnaryOperator<String> mask) {
        int c = headers.indexOf(header);
        List<List<String>> mapped = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            copy.set(c, mask.apply(row.get(c)));
            mapped.add(copy);
        }
        return new PrintedTable(headers, mapped);
    }

    /** Prints the table again, exactly as the CLI lays tables out (a column of integers right-aligned). */
    public String render() {
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < numeric.length; c++) {
            int column = c;
            numeric[c] = !rows.isEmpty() && rows.stream().allMatch(row -> row.get(column).matches("-?\\d+"));
        }
        return ListTable.render(headers, numeric, rows);
    }
}
