package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Usage summed for one group, and one period when the report is split by hour or day.
 *
 * @param period the start of the hour or UTC day, or null when the report is not split by time
 * @param groupId the id of what was summed (organization, team, user, service account or key id,
 *     or the model name); empty for usage without one, such as a service account's under {@code user}
 * @param group a readable name for it: an organization's or team's name, an email, a key's prefix and name
 * @param errors requests answered with a status of 400 or more
 * @param latencyMs the requests' latencies added up; divide by {@code requests} for the mean
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageRow(@Nullable Instant period, String groupId, String group, long requests, long errors,
        long inputTokens, long outputTokens, long cachedTokens, long latencyMs) {
}
