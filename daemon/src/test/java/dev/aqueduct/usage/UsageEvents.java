package dev.aqueduct.usage;

import dev.aqueduct.store.Ids;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Usage events for tests, with only the fields a test cares about to set. */
final class UsageEvents {
    private UsageEvents() {
    }

    static UsageEvent event(Instant time, String keyId, String orgId, @Nullable String userId, String model,
            int status, long input, long output) {
        return new UsageEvent(Ids.next("req"), time, keyId, orgId, null, userId, null, model, "sim/" + model,
                "/v1/chat/completions", status, input, output, input / 2, false, 100, 20L, 150);
    }

    static UsageEvent event(Instant time, String model) {
        return event(time, "key_1", "org_1", "usr_1", model, 200, 10, 5);
    }
}
