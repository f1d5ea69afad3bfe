package dev.aqueduct.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a usage report splits time: per hour, per day (UTC), or not at all. */
public enum UsagePeriod {
    HOUR,
    DAY,
    NONE;

    /** The name typed on the command line and in the admin API, such as {@code day}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The period named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException when none has that name
     */
    public static UsagePeriod parse(String text) {
        for (UsagePeriod period : values()) {
            if (period.value().equalsIgnoreCase(text.strip())) {
                return period;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a period; use one of "
                + Arrays.stream(values()).map(UsagePeriod::value).collect(Collectors.joining(", ")));
    }

    /** The SQL naming a row's bucket start in epoch milliseconds; fixed text, never built from input. */
    String bucketSql() {
        return switch (this) {
            case HOUR -> "h.hour_start";
            // Whole-number division on both databases: the start of the UTC day.
            case DAY -> "(h.hour_start / 86400000) * 86400000";
            case NONE -> "CAST(NULL AS BIGINT)";
        };
    }
}
