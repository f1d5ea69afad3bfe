package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /keys/{id}/transfer}: the new owning user, who must be a member of the
 * key's organization (and, for a key of a team member, of the same team).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferKey(String userId) {
}
