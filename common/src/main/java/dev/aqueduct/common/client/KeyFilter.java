package dev.aqueduct.common.client;

import org.jspecify.annotations.Nullable;

/** Which keys {@code GET /keys} lists: those matching every filter given; null filters match all. */
public record KeyFilter(@Nullable String userId, @Nullable String serviceAccountId, @Nullable String teamId,
        @Nullable String orgId) {
    /** Every key the caller may see. */
    public static KeyFilter none() {
        return new KeyFilter(null, null, null, null);
    }
}
