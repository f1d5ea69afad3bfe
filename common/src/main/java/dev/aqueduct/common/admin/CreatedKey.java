package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answer to creating or regenerating a key: the key's fields and its {@code secret}, which
 * is stored nowhere and shown only this once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CreatedKey(String id, String name, String prefix, Scope scope, String orgId, @Nullable String teamId,
        Owner owner, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt, String secret) {

    /** The key with its secret. */
    public static CreatedKey of(Key key, String secret) {
        return new CreatedKey(key.id(), key.name(), key.prefix(), key.scope(), key.orgId(), key.teamId(),
                key.owner(), key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt(), secret);
    }

    /** The key without its secret. */
    public Key key() {
        return new Key(id, name, prefix, scope, orgId, teamId, owner, createdAt, expiresAt, lastUsedAt, revokedAt);
    }

    /** Leaves the secret out, so the value can be logged safely by mistake. */
    @Override
    public String toString() {
        return "CreatedKey[key=" + key() + ", secret=" + prefix + "...]";
    }
}
