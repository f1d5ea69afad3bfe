package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Limits of a policy; each one is a positive integer, or null when unset.
 *
 * @param models per-model overrides, by configured model name or alias
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Limits(@Nullable Long requestsPerMinute, @Nullable Long tokensPerMinute,
        @Nullable Long concurrentRequests, @Nullable Long tokensPerDay, @Nullable Long tokensPerMonth,
        @Nullable Map<String, ModelLimits> models) {
}
