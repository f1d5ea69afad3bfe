package dev.aqueduct.keys;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored API key as the gateway sees it: never the secret, only its visible prefix and owner.
 * Exactly one of {@code userId} and {@code serviceAccountId} is set.
 *
 * @param prefix the first characters of the secret, safe to show (such as {@code aqk-3fXk9PqL})
 * @param teamId the team of the owning service account, or null for a user's own key
 * @param ownerDisabled whether the owning user is disabled, which stops the key like revocation
 */
public record KeyRecord(
        String id,
        String prefix,
        String name,
        KeyScope scope,
        String orgId,
        @Nullable String teamId,
        @Nullable String userId,
        @Nullable String serviceAccountId,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt,
        boolean ownerDisabled) {

    /** Whether the key may be used at {@code now}: not revoked, not expired, owner not disabled. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && !ownerDisabled && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Why the key does or does not work at {@code now}; revocation wins over expiry and the owner. */
    public KeyState stateAt(Instant now) {
        if (revokedAt != null) {
            return KeyState.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return KeyState.EXPIRED;
        }
        return ownerDisabled ? KeyState.OWNER_DISABLED : KeyState.ACTIVE;
    }
}
