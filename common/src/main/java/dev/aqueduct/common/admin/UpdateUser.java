package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/** The body of {@code PATCH /users/{id}}: what is left out stays as it is. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateUser(@Nullable String name, @Nullable Role role, @Nullable Boolean disabled) {
}
