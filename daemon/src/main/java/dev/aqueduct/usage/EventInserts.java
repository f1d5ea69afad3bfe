package dev.aqueduct.usage;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Inserts usage events as multi-row statements, {@value #ROWS_PER_STATEMENT} rows each, and
 * learns from {@code RETURNING id} which rows were new. One statement per few hundred events
 * costs the database one parse and one round trip instead of one per event, which is what lets
 * a single writer keep up with tens of thousands of events per second on PostgreSQL.
 *
 * <p>{@code ON CONFLICT (id) DO NOTHING ... RETURNING} behaves alike on SQLite (3.35 and later)
 * and PostgreSQL: skipped rows are not returned. 500 rows of 18 columns stay far below both
 * databases' limits on bound parameters.
 */
final class EventInserts {
    static final int ROWS_PER_STATEMENT = 500;

    private static final String COLUMNS = "id, time, key_id, org_id, team_id, user_id, service_account_id, model,"
            + " deployment, endpoint, status, input_tokens, output_tokens, cached_tokens, estimated, latency_ms,"
            + " first_token_ms, overhead_us";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private EventInserts() {
    }

    /** Inserts {@code events}, skipping ids stored before; returns the ids that were inserted. */
    static Set<String> insert(Handle handle, List<UsageEvent> events) {
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<UsageEvent> rows = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            inserted.addAll(bind(handle.createQuery(sql(rows.size())), rows).mapTo(String.class).list());
        }
        return inserted;
    }

    static String sql(int rows) {
        return "INSERT INTO usage_events (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, ROW))
                + " ON CONFLICT (id) DO NOTHING RETURNING id";
    }

    private static Query bind(Query query, List<UsageEvent> rows) {
        int at = 0;
        for (UsageEvent event : rows) {
            query.bind(at++, event.id())
                    .bind(at++, event.time())
                    .bind(at++, event.keyId())
                    .bind(at++, event.orgId())
                    .bind(at++, event.teamId())
                    .bind(at++, event.userId())
                    .bind(at++, event.serviceAccountId())
                    .bind(at++, event.model())
                    .bind(at++, event.deployment())
                    .bind(at++, event.endpoint())
                    .bind(at++, event.status())
                    .bind(at++, event.inputTokens())
                    .bind(at++, event.outputTokens())
                    .bind(at++, event.cachedTokens())
                    .bind(at++, event.estimated())
                    .bind(at++, event.latencyMillis())
                    .bind(at++, event.firstTokenMillis())
                    .bind(at++, event.overheadMicros());
        }
        return query;
    }
}
