package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /keys/{id}/transfer}: the new owning user, who must be a member of the
 * key's organization.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferKey(String userId) {
}
