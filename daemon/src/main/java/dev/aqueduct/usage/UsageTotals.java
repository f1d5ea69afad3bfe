package dev.aqueduct.usage;

/**
 * Usage summed for one group of a report.
 *
 * @param group what was summed: an email, a model, a key's prefix and name, an organization or team
 * @param errors requests answered with a status of 400 or more
 * @param latencyMillis the requests' latencies added up; divide by {@code requests} for the mean
 */
public record UsageTotals(String group, long requests, long errors, long inputTokens, long outputTokens,
        long cachedTokens, long latencyMillis) {
}
