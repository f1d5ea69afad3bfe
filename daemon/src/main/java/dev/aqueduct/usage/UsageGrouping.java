package dev.aqueduct.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a usage report sums by. Each grouping carries the SQL that names its groups; the text
 * is fixed here and never built from input.
 */
public enum UsageGrouping {
    USER("COALESCE(u.email, 'service account ' || sa.name, CASE WHEN h.user_id = '' THEN h.service_account_id"
            + " ELSE h.user_id END)",
            " LEFT JOIN users u ON u.id = h.user_id"
                    + " LEFT JOIN service_accounts sa ON sa.id = h.service_account_id",
            "h.user_id, h.service_account_id, u.email, sa.name"),
    MODEL("h.model", "", "h.model"),
    KEY("COALESCE(k.prefix || ' ' || k.name, h.key_id)",
            " LEFT JOIN api_keys k ON k.id = h.key_id",
            "h.key_id, k.prefix, k.name"),
    ORG("COALESCE(o.name, h.org_id)",
            " LEFT JOIN organizations o ON o.id = h.org_id",
            "h.org_id, o.name"),
    TEAM("CASE WHEN h.team_id = '' THEN '(no team)' ELSE COALESCE(t.name, h.team_id) END",
            " LEFT JOIN teams t ON t.id = h.team_id",
            "h.team_id, t.name");

    private final String label;
    private final String joins;
    private final String groupBy;

    UsageGrouping(String label, String joins, String groupBy) {
        this.label = label;
        this.joins = joins;
        this.groupBy = groupBy;
    }

    /** The name typed on the command line and in the admin API, such as {@code model}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The grouping named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException when none has that name
     */
    public static UsageGrouping parse(String text) {
        for (UsageGrouping grouping : values()) {
            if (grouping.value().equalsIgnoreCase(text.strip())) {
                return grouping;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a grouping; use one of " + names());
    }

    /** The grouping names, comma separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(UsageGrouping::value).collect(Collectors.joining(", "));
    }

    String sql() {
        return "SELECT " + label + " AS label,"
                + " CAST(SUM(h.requests) AS BIGINT) AS requests,"
                + " CAST(SUM(h.errors) AS BIGINT) AS errors,"
                + " CAST(SUM(h.input_tokens) AS BIGINT) AS input_tokens,"
                + " CAST(SUM(h.output_tokens) AS BIGINT) AS output_tokens,"
                + " CAST(SUM(h.cached_tokens) AS BIGINT) AS cached_tokens,"
                + " CAST(SUM(h.latency_ms) AS BIGINT) AS latency_ms"
                + " FROM usage_hourly h" + joins
                + " WHERE h.hour_start >= :from"
                + " GROUP BY " + groupBy
                + " ORDER BY requests DESC, label";
    }
}
