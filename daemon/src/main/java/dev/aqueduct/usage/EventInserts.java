package dev.aqueduct.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/**
 * Inserts usage events as multi-row statements, {@value #ROWS_PER_STATEMENT} rows each, and
 * learns from {@code RETURNING id} which rows were new. One statement per few hundred events
 * costs the database one parse and one round trip instead of one per event, which is what lets
 * a single writer keep up with tens of thousands of events per second on PostgreSQL.
 *
 * <p>{@code ON CONFLICT (id) DO NOTHING ... RETURNING} behaves alike on SQLite (3.35 and later)
 * and PostgreSQL: skipped rows are not returned. 500 rows of 18 columns stay far below both
 * databases' limits on bound parameters. The values are bound on the JDBC statement itself:
 * Jdbi's per-argument binding cost several times what the database's insert did.
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
        String fullSql = null;
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<UsageEvent> rows = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            if (rows.size() < ROWS_PER_STATEMENT) {
                insert(handle, sql(rows.size()), rows, inserted);
            } else {
                fullSql = fullSql == null ? sql(ROWS_PER_STATEMENT) : fullSql;
                insert(handle, fullSql, rows, inserted);
            }
        }
        return inserted;
    }

    static String sql(int rows) {
        return "INSERT INTO usage_events (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, ROW))
                + " ON CONFLICT (id) DO NOTHING RETURNING id";
    }

    private static void insert(Handle handle, String sql, List<UsageEvent> rows, Set<String> inserted) {
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int at = 1;
            for (UsageEvent event : rows) {
                at = bind(statement, at, event);
            }
            try (ResultSet ids = statement.executeQuery()) {
                while (ids.next()) {
                    inserted.add(ids.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("Inserting " + rows.size() + " usage events failed", e,
                    null);
        }
    }

    /** Binds one event's columns from position {@code at}; returns the next free position. */
    private static int bind(PreparedStatement statement, int at, UsageEvent event) throws SQLException {
        statement.setString(at, event.id());
        statement.setLong(at + 1, event.time().toEpochMilli());
        statement.setString(at + 2, event.keyId());
        statement.setString(at + 3, event.orgId());
        setText(statement, at + 4, event.teamId());
        setText(statement, at + 5, event.userId());
        setText(statement, at + 6, event.serviceAccountId());
        statement.setString(at + 7, event.model());
        statement.setString(at + 8, event.deployment());
        statement.setString(at + 9, event.endpoint());
        statement.setInt(at + 10, event.status());
        statement.setLong(at + 11, event.inputTokens());
        statement.setLong(at + 12, event.outputTokens());
        statement.setLong(at + 13, event.cachedTokens());
        statement.setBoolean(at + 14, event.estimated());
        statement.setLong(at + 15, event.latencyMillis());
        Long firstToken = event.firstTokenMillis();
        if (firstToken == null) {
            statement.setNull(at + 16, Types.BIGINT);
        } else {
            statement.setLong(at + 16, firstToken);
        }
        statement.setLong(at + 17, event.overheadMicros());
        return at + 18;
    }

    private static void setText(PreparedStatement statement, int at, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(at, Types.VARCHAR);
        } else {
            statement.setString(at, value);
        }
    }
}
