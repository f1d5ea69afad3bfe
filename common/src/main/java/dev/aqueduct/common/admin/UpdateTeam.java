package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code PATCH /teams/{id}}: the new name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateTeam(String name) {
}
