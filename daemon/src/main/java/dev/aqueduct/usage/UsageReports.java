package dev.aqueduct.usage;

import dev.aqueduct.store.Columns;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Usage reports by organization, team, user, key or model, per hour, per UTC day or in total.
 * Reads the hourly rollups only, so every report is one scan of the rollups however many
 * requests there were, and reports keep their history after old events are pruned.
 *
 * <p>Independent of HTTP and the command line: both the {@code usage} command and the admin API
 * ask here.
 */
public final class UsageReports {
    private final Jdbi jdbi;

    public UsageReports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The rows {@code query} asks for: oldest period first, busiest group first within a period. */
    public List<UsageRow> query(UsageQuery query) {
        return jdbi.withHandle(handle -> bind(handle.createQuery(UsageGrouping.sql(query)), query)
                .map((rs, ctx) -> new UsageRow(
                        Columns.nullableInstant(rs, "period"),
                        rs.getString("group_id"),
                        rs.getString("label"),
                        rs.getLong("requests"),
                        rs.getLong("errors"),
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getLong("cached_tokens"),
                        rs.getLong("latency_ms")))
                .list());
    }

    private static Query bind(Query statement, UsageQuery query) {
        statement.bind("from", query.windowStart());
        if (query.until() != null) {
            statement.bind("until", query.until());
        }
        if (query.orgId() != null) {
            statement.bind("orgId", query.orgId());
        }
        if (query.teamId() != null) {
            statement.bind("teamId", query.teamId());
        }
        if (query.userId() != null) {
            statement.bind("userId", query.userId());
        }
        return statement;
    }
}
