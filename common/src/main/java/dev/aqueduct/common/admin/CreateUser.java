package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /users}: adds a person to an organization. {@code role} is {@code user}
 * when left out; {@code team_admin} is not a role a user is created with (team admins are set per team).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateUser(String email, @Nullable String name, String orgId, @Nullable Role role) {
}
