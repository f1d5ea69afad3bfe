package dev.aqueduct.common.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code PATCH /service-accounts/{id}}: the new name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateServiceAccount(String name) {
}
