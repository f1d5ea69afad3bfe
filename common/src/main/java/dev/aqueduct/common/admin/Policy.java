package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/**
 * Model access and limits set on an organization, team, user or key: the body of
 * {@code PUT /policies/{type}/{id}} and the answer of {@code GET}. Unset parts are null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Policy(@Nullable ModelAccess models, @Nullable Limits limits) {
}
