package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code PATCH /teams/{id}/members/{user_id}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateTeamMember(boolean teamAdmin) {
}
