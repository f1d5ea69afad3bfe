package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /teams/{id}/service-accounts}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateServiceAccount(String name) {
}
