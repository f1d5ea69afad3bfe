package dev.aqueduct.usage;

import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Writes of {@code usage_events} and {@code usage_hourly}, in batches. */
interface UsageDao extends SqlObject {
    /**
     * Inserts events, skipping ids stored before, so a batch retried after an uncertain commit
     * does not fail. Returns per event the rows inserted: 1, or 0 when skipped (also for the
     * second of two events with the same id in one call).
     */
    default int[] insertEvents(List<UsageEvent> events) {
        Set<String> inserted = EventInserts.insert(getHandle(), events);
        int[] counts = new int[events.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = inserted.remove(events.get(i).id()) ? 1 : 0;
        }
        return counts;
    }

    /** Adds the rows' sums to the stored ones, inserting rows that are new. */
    @SqlBatch("INSERT INTO usage_hourly (hour_start, org_id, team_id, user_id, service_account_id, key_id, model,"
            + " requests, errors, input_tokens, output_tokens, cached_tokens, latency_ms)"
            + " VALUES (:hourStart, :orgId, :teamId, :userId, :serviceAccountId, :keyId, :model,"
            + " :requests, :errors, :inputTokens, :outputTokens, :cachedTokens, :latencyMillis)"
            + " ON CONFLICT (hour_start, org_id, team_id, user_id, service_account_id, key_id, model) DO UPDATE SET"
            + " requests = usage_hourly.requests + excluded.requests,"
            + " errors = usage_hourly.errors + excluded.errors,"
            + " input_tokens = usage_hourly.input_tokens + excluded.input_tokens,"
            + " output_tokens = usage_hourly.output_tokens + excluded.output_tokens,"
            + " cached_tokens = usage_hourly.cached_tokens + excluded.cached_tokens,"
            + " latency_ms = usage_hourly.latency_ms + excluded.latency_ms")
    void upsertHourly(@BindMethods List<HourlyUsage> rows);
}
