package dev.aqueduct.usage;

import java.time.Instant;

/**
 * One row of the {@code usage_hourly} rollup: sums for one hour, owner, key and model. Absent
 * ids are empty strings, as in the table. Public because Jdbi binds its accessors by reflection.
 */
public record HourlyUsage(
        Instant hourStart,
        String orgId,
        String teamId,
        String userId,
        String serviceAccountId,
        String keyId,
        String model,
        long requests,
        long errors,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long latencyMillis) {
}
