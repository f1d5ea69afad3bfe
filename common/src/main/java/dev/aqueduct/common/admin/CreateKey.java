package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /keys}: the owner is {@code userId} or {@code serviceAccountId}, or the
 * caller when both are left out; {@code scope} is {@code inference} when left out; a key without
 * {@code expiresAt} never expires.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateKey(String name, @Nullable Scope scope, @Nullable Instant expiresAt, @Nullable String userId,
        @Nullable String serviceAccountId) {
}
