package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An organization the caller belongs to, as {@code GET /me} lists it.
 *
 * @param role {@code user} or {@code org_admin}: the caller's role inside this organization
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrgMembership(String id, String name, Role role) {
}
