package dev.aqueduct.common.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The question {@code GET /usage} answers; what is null is left to the server's defaults.
 *
 * @param groupBy {@code org}, {@code team}, {@code user}, {@code key} or {@code model}
 * @param per {@code hour} or {@code day}, or null for one row per group over the whole window
 */
public record UsageQuery(@Nullable String groupBy, @Nullable String per, @Nullable Instant since,
        @Nullable Instant until, @Nullable String orgId, @Nullable String teamId, @Nullable String userId) {

    /** The query parameters, in the API's names, without the unset ones. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "group_by", groupBy);
        put(parameters, "per", per);
        put(parameters, "since", since);
        put(parameters, "until", until);
        put(parameters, "org_id", orgId);
        put(parameters, "team_id", teamId);
        put(parameters, "user_id", userId);
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, @Nullable Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }
}
