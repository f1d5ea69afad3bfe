package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change made through the admin API. Never holds a secret or a key hash.
 *
 * @param actorUserId the person who made it, or null for a service account's management key
 * @param actorKeyId the management key it was made with, or null when signed in otherwise
 * @param action what was done, such as {@code key.revoke} or {@code team.delete}
 * @param objectType what it was done to: {@code org}, {@code team}, {@code member}, {@code user},
 *     {@code service_account}, {@code key} or {@code policy}
 * @param orgId the organization of the object, or null for gateway-wide changes
 * @param changes what changed, as a JSON object
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntry(String id, Instant time, @Nullable String actorUserId, @Nullable String actorKeyId,
        String action, String objectType, String objectId, @Nullable String orgId, JsonNode changes) {
}
