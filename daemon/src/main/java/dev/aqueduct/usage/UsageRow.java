package dev.aqueduct.usage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Usage summed for one group, and for one hour or day when the report splits time.
 *
 * @param period start of the hour or UTC day; null when the report does not split time
 * @param groupId what the group is stored as: a user or service account id, a key id, an
 *        organization or team id (empty for usage outside teams), or the model name
 * @param group the group as people read it: an email, {@code service account NAME}, a key's prefix
 *        and name, an organization or team name, or the model
 * @param errors requests answered with a status of 400 or more
 * @param latencyMillis the requests' latencies added up; divide by {@code requests} for the mean
 */
public record UsageRow(@Nullable Instant period, String groupId, String group, long requests, long errors,
        long inputTokens, long outputTokens, long cachedTokens, long latencyMillis) {
}
