package dev.aqueduct.usage;

import java.util.List;

/**
 * Usage rows as CSV (RFC 4180): a header line, then one line per row, fields quoted when they
 * hold a comma, a quote or a line break. Times are ISO-8601 UTC; a report that does not split
 * time leaves {@code period} empty.
 */
public final class UsageCsv {
    /** The header line's fields, matching the admin API's JSON field names. */
    public static final List<String> HEADER = List.of("period", "group_id", "group", "requests", "errors",
            "input_tokens", "output_tokens", "cached_tokens", "latency_ms");

    private UsageCsv() {
    }

    /** The rows as CSV text, lines ending in CRLF as RFC 4180 asks. */
    public static String format(List<UsageRow> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (UsageRow row : rows) {
            line(csv, List.of(row.period() == null ? "" : row.period().toString(), row.groupId(), row.group(),
                    String.valueOf(row.requests()), String.valueOf(row.errors()), String.valueOf(row.inputTokens()),
                    String.valueOf(row.outputTokens()), String.valueOf(row.cachedTokens()),
                    String.valueOf(row.latencyMillis())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    private static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
