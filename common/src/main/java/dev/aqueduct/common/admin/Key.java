package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listings show it: never the secret, only its visible prefix.
 *
 * @param prefix the first characters of the secret, safe to show, such as {@code aqk-3fXk9PqL}
 * @param teamId the team of a service account's key, or null for a user's own key
 * @param expiresAt when the key stops working, or null for never
 * @param lastUsedAt when the key was last used, stored within seconds of the use; null if never
 * @param revokedAt when the key was revoked, or null while it is not
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Key(String id, String name, String prefix, Scope scope, String orgId, @Nullable String teamId,
        Owner owner, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {
}
