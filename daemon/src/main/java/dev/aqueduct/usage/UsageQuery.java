package dev.aqueduct.usage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a usage report asks for. Reports read the hourly rollups, so the window is made of whole
 * hours: from the start of the hour {@code since} falls in, up to the last hour that starts
 * before {@code until}.
 *
 * @param groupBy what rows are summed by
 * @param per how time is split: per hour, per UTC day, or not at all
 * @param until end of the window, exclusive; null for no end
 * @param orgId only usage of this organization; null for every one
 * @param teamId only usage of this team; null for every one
 * @param userId only usage of this user; null for every one
 */
public record UsageQuery(
        UsageGrouping groupBy,
        UsagePeriod per,
        Instant since,
        @Nullable Instant until,
        @Nullable String orgId,
        @Nullable String teamId,
        @Nullable String userId) {

    /**
     * @throws IllegalArgumentException when {@code until} is not after {@code since}
     */
    public UsageQuery {
        if (until != null && !until.isAfter(since)) {
            throw new IllegalArgumentException("until (" + until + ") must be after since (" + since + ")");
        }
    }

    /** Everything since {@code since}, summed by {@code groupBy}, without filters or time split. */
    public static UsageQuery totals(UsageGrouping groupBy, Instant since) {
        return new UsageQuery(groupBy, UsagePeriod.NONE, since, null, null, null, null);
    }

    /** Where the report really starts: the beginning of the hour {@code since} falls in. */
    public Instant windowStart() {
        return HourlyRollups.hourOf(since);
    }
}
