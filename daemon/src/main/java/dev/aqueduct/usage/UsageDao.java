package dev.aqueduct.usage;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Writes of {@code usage_events} and {@code usage_hourly}, in batches. */
interface UsageDao {
    /**
     * Inserts events, skipping ids stored before, so a batch retried after an uncertain commit
     * does not fail. Returns per event the rows inserted: 1, 0 when skipped, or a negative
     * {@link java.sql.Statement#SUCCESS_NO_INFO} when the driver does not say.
     */
    @SqlBatch("INSERT INTO usage_events (id, time, key_id, org_id, team_id, user_id, service_account_id, model,"
            + " deployment, endpoint, status, input_tokens, output_tokens, cached_tokens, estimated, latency_ms,"
            + " first_token_ms, overhead_us)"
            + " VALUES (:id, :time, :keyId, :orgId, :teamId, :userId, :serviceAccountId, :model,"
            + " :deployment, :endpoint, :status, :inputTokens, :outputTokens, :cachedTokens, :estimated,"
            + " :latencyMillis, :firstTokenMillis, :overheadMicros)"
            + " ON CONFLICT (id) DO NOTHING")
    int[] insertEvents(@BindMethods List<UsageEvent> events);

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
