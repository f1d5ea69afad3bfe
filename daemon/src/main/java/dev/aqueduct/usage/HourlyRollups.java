package dev.aqueduct.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sums a batch of events per rollup row in memory, so a batch of a thousand requests to one
 * model costs one upsert instead of a thousand.
 */
final class HourlyRollups {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::hourStart)
            .thenComparing(Key::orgId).thenComparing(Key::teamId).thenComparing(Key::userId)
            .thenComparing(Key::serviceAccountId).thenComparing(Key::keyId).thenComparing(Key::model);

    private HourlyRollups() {
    }

    /** The rollup rows for {@code events}, in a fixed order so that concurrent writers lock rows alike. */
    static List<HourlyUsage> of(List<UsageEvent> events) {
        Map<Key, long[]> sums = new HashMap<>();
        for (UsageEvent event : events) {
            long[] sum = sums.computeIfAbsent(Key.of(event), key -> new long[6]);
            sum[0]++;
            sum[1] += event.status() >= 400 ? 1 : 0;
            sum[2] += event.inputTokens();
            sum[3] += event.outputTokens();
            sum[4] += event.cachedTokens();
            sum[5] += event.latencyMillis();
        }
        List<HourlyUsage> rows = new ArrayList<>(sums.size());
        sums.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).forEach(entry -> {
            Key key = entry.getKey();
            long[] sum = entry.getValue();
            rows.add(new HourlyUsage(key.hourStart(), key.orgId(), key.teamId(), key.userId(),
                    key.serviceAccountId(), key.keyId(), key.model(), sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]));
        });
        return rows;
    }

    /** The start of the hour {@code time} falls in, in UTC. */
    static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    private record Key(Instant hourStart, String orgId, String teamId, String userId, String serviceAccountId,
            String keyId, String model) {

        static Key of(UsageEvent event) {
            return new Key(hourOf(event.time()), event.orgId(), orEmpty(event.teamId()), orEmpty(event.userId()),
                    orEmpty(event.serviceAccountId()), event.keyId(), event.model());
        }

        private static String orEmpty(@Nullable String id) {
            return id == null ? "" : id;
        }
    }
}
