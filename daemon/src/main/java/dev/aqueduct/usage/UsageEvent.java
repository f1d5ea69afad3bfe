package dev.aqueduct.usage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one request through the relay used: one event per request, stored append-only and
 * summed into hourly rollups.
 *
 * @param id the request id, also sent to the client as {@code x-request-id}
 * @param model the gateway's model name (after alias resolution), or the name asked for when unknown
 * @param deployment {@code provider/upstream-model} that served it, or empty when none was reached
 * @param endpoint the API path, such as {@code /v1/chat/completions}
 * @param status the HTTP status the client received; 499 when the client went away first
 * @param estimated whether the token counts are the gateway's estimate because upstream gave none
 * @param latencyMillis from the request's arrival to its last byte
 * @param firstTokenMillis from arrival to the first response byte, or null when none was sent
 * @param overheadMicros time spent in the gateway itself, excluding the wait for upstream
 */
public record UsageEvent(
        String id,
        Instant time,
        String keyId,
        String orgId,
        @Nullable String teamId,
        @Nullable String userId,
        @Nullable String serviceAccountId,
        String model,
        String deployment,
        String endpoint,
        int status,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        boolean estimated,
        long latencyMillis,
        @Nullable Long firstTokenMillis,
        long overheadMicros) {
}
