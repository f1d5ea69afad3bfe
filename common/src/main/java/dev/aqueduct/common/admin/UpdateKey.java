package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The body of {@code PATCH /keys/{id}}: what is left out stays as it is. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateKey(@Nullable String name, @Nullable Instant expiresAt) {
}
