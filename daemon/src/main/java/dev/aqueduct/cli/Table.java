package dev.aqueduct.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A plain-text table for command output: a header row, columns two spaces apart, numbers right-aligned. */
final class Table {
    private final List<String> headers;
    private final Set<Integer> rightAligned = new HashSet<>();
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Aligns the given columns (counted from 0) to the right, as numbers read best. */
    Table alignRight(int... columns) {
        Arrays.stream(columns).forEach(rightAligned::add);
        return this;
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("Expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = widths();
        out.println(line(headers, widths));
        rows.forEach(row -> out.println(line(row, widths)));
        out.flush();
    }

    private int[] widths() {
        int[] widths = headers.stream().mapToInt(String::length).toArray();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : "  ");
            line.append(rightAligned.contains(i) ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }
}
