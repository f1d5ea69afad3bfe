package dev.aqueduct.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a usage report sums by. Each grouping carries the SQL that names its groups; the text
 * is fixed here and never built from input.
 */
public enum UsageGrouping {
    USER("CASE WHEN h.user_id = '' THEN h.service_account_id ELSE h.user_id END",
            "COALESCE(u.email, 'service account ' || sa.name, CASE WHEN h.user_id = '' THEN h.service_account_id"
            + " ELSE h.user_id END)",
            " LEFT JOIN users u ON u.id = h.user_id"
                    + " LEFT JOIN service_accounts sa ON sa.id = h.service_account_id",
            "h.user_id, h.service_account_id, u.email, sa.name"),
    MODEL("h.model", "h.model", "", "h.model"),
    KEY("h.key_id", "COALESCE(k.prefix || ' ' || k.name, h.key_id)",
            " LEFT JOIN api_keys k ON k.id = h.key_id",
            "h.key_id, k.prefix, k.name"),
    ORG("h.org_id", "COALESCE(o.name, h.org_id)",
            " LEFT JOIN organizations o ON o.id = h.org_id",
            "h.org_id, o.name"),
    TEAM("h.team_id", "CASE WHEN h.team_id = '' THEN '(no team)' ELSE COALESCE(t.name, h.team_id) END",
            " LEFT JOIN teams t ON t.id = h.team_id",
            "h.team_id, t.name");

    private final String id;
    private final String label;
    private final String joins;
    private final String groupBy;

    UsageGrouping(String id, String label, String joins, String groupBy) {
        this.id = id;
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

    /** The query for {@code query}: fixed fragments only; every value is bound by name. */
    static String sql(UsageQuery query) {
        UsageGrouping by = query.groupBy();
        String bucket = query.per().bucketSql();
        boolean split = query.per() != UsagePeriod.NONE;
        return "SELECT " + bucket + " AS period, " + by.id + " AS group_id, " + by.label + " AS label,"
                + " CAST(SUM(h.requests) AS BIGINT) AS requests,"
                + " CAST(SUM(h.errors) AS BIGINT) AS errors,"
                + " CAST(SUM(h.input_tokens) AS BIGINT) AS input_tokens,"
                + " CAST(SUM(h.output_tokens) AS BIGINT) AS output_tokens,"
                + " CAST(SUM(h.cached_tokens) AS BIGINT) AS cached_tokens,"
                + " CAST(SUM(h.latency_ms) AS BIGINT) AS latency_ms"
                + " FROM usage_hourly h" + by.joins
                + " WHERE h.hour_start >= :from"
                + (query.until() == null ? "" : " AND h.hour_start < :until")
                + (query.orgId() == null ? "" : " AND h.org_id = :orgId")
                + (query.teamId() == null ? "" : " AND h.team_id = :teamId")
                + (query.userId() == null ? "" : " AND h.user_id = :userId")
                + " GROUP BY " + (split ? bucket + ", " : "") + by.groupBy
                + " ORDER BY " + (split ? "period, " : "") + "requests DESC, label";
    }
}
