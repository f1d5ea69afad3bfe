package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /orgs}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateOrganization(String name) {
}
