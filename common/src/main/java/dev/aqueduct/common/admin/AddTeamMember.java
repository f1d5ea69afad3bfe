package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /teams/{id}/members}; {@code teamAdmin} is false when left out. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AddTeamMember(String userId, @Nullable Boolean teamAdmin) {
}
