package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/** Limits for one model, overriding a policy's general limits for it; each one is unset when null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelLimits(@Nullable Long requestsPerMinute, @Nullable Long tokensPerMinute,
        @Nullable Long concurrentRequests, @Nullable Long tokensPerDay, @Nullable Long tokensPerMonth) {
}
