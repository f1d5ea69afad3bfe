package dev.aqueduct.usage;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Sums stored usage for reports. Reads the hourly rollups only: a window starting mid-hour
 * counts that whole hour, which keeps every report one indexed scan however many requests
 * there were.
 */
public final class UsageReport {
    private final Jdbi jdbi;

    public UsageReport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Totals per group for the hours from the one {@code since} falls in up to now, busiest first. */
    public List<UsageTotals> totals(Instant since, UsageGrouping by) {
        return jdbi.withHandle(handle -> handle.createQuery(by.sql())
                .bind("from", windowStart(since))
                .map((rs, ctx) -> new UsageTotals(
                        rs.getString("label"),
                        rs.getLong("requests"),
                        rs.getLong("errors"),
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getLong("cached_tokens"),
                        rs.getLong("latency_ms")))
                .list());
    }

    /** Where a report starting at {@code since} really starts: the beginning of that hour. */
    public static Instant windowStart(Instant since) {
        return HourlyRollups.hourOf(since);
    }
}
