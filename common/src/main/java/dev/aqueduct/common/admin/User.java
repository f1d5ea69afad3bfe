package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person known to the gateway, as seen from one organization.
 *
 * @param email lower-cased, unique across the gateway
 * @param role the user's role: {@code admin} for a global admin, else the role in {@code orgId};
 *     {@code team_admin} when the user is a plain member of the organization and admin of one of its teams
 * @param orgId the organization the answer speaks of: the one asked about, or the user's first
 *     organization by name; null for an admin who belongs to none
 * @param disabled whether the user is locked out; a disabled user's keys stop working
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record User(String id, String email, @Nullable String name, Role role, @Nullable String orgId,
        boolean disabled, Instant createdAt) {
}
