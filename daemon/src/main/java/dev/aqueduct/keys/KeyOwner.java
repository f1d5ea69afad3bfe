package dev.aqueduct.keys;

import org.jspecify.annotations.Nullable;

/**
 * Who a new key belongs to: a user inside an organization, or a team's service account.
 * Exactly one of {@code userId} and {@code serviceAccountId} is set.
 */
public record KeyOwner(String orgId, @Nullable String teamId, @Nullable String userId,
        @Nullable String serviceAccountId) {

    public KeyOwner {
        if ((userId == null) == (serviceAccountId == null)) {
            throw new IllegalArgumentException("A key has exactly one owner: a user or a service account");
        }
        if (serviceAccountId != null && teamId == null) {
            throw new IllegalArgumentException("A service account's key needs the account's team");
        }
    }

    public static KeyOwner user(String orgId, String userId) {
        return new KeyOwner(orgId, null, userId, null);
    }

    public static KeyOwner serviceAccount(String orgId, String teamId, String serviceAccountId) {
        return new KeyOwner(orgId, teamId, null, serviceAccountId);
    }
}
