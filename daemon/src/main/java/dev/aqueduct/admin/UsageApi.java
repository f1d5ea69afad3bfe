package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.UsageRow;
import dev.aqueduct.common.admin.UsageTable;
import dev.aqueduct.usage.UsageCsv;
import dev.aqueduct.usage.UsageGrouping;
import dev.aqueduct.usage.UsagePeriod;
import dev.aqueduct.usage.UsageQuery;
import dev.aqueduct.usage.UsageReports;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /usage}: usage summed by organization, team, user, key or model, per hour, per UTC
 * day or in total, as JSON or CSV. Each caller's report is scoped to what their role lets them
 * see: admins everything; org admins their organizations ({@code org_id}); team admins their
 * teams ({@code team_id}); everyone their own usage, which is also what a report without
 * {@code org_id} or {@code team_id} shows a caller who is not an admin (a service account's key
 * sees its team's).
 */
final class UsageApi {
    /** How far back a report reaches when {@code since} is not given. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    private final AdminContext context;
    private final UsageReports reports;

    UsageApi(AdminContext context) {
        this.context = context;
        this.reports = new UsageReports(context.jdbi());
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/usage", this::usage, "group_by", "per", "since", "until", "org_id",
                "team_id", "user_id", "format"));
    }

    /** The filters a report runs with, after the caller's scope is applied. */
    private record Scope(@Nullable String orgId, @Nullable String teamId, @Nullable String userId) {
    }

    private Reply usage(AdminCall call) {
        UsageGrouping groupBy = parse(call, "group_by", "model", UsageGrouping::parse);
        UsagePeriod per = parse(call, "per", "none", UsagePeriod::parse);
        Instant since = time(call, "since").orElse(call.now().minus(DEFAULT_WINDOW));
        Instant until = time(call, "until").orElse(null);
        if (until != null && !until.isAfter(since)) {
            throw AdminErrors.invalid("until", "'until' must be after 'since'");
        }
        boolean csv = csv(call);
        Scope scope = context.jdbi().withHandle(handle -> scope(handle, call));
        UsageQuery query = new UsageQuery(groupBy, per, since, until, scope.orgId(), scope.teamId(), scope.userId());
        List<dev.aqueduct.usage.UsageRow> rows = reports.query(query);
        if (csv) {
            return new Reply.Text(200, "text/csv; charset=utf-8", UsageCsv.format(rows));
        }
        List<UsageRow> data = rows.stream().map(row -> new UsageRow(row.period(), row.groupId(), row.group(),
                row.requests(), row.errors(), row.inputTokens(), row.outputTokens(), row.cachedTokens(),
                row.latencyMillis())).toList();
        return Reply.ok(new UsageTable(groupBy.value(), per == UsagePeriod.NONE ? null : per.value(),
                query.windowStart(), until == null ? call.now() : until, data));
    }

    private static Scope scope(Handle handle, AdminCall call) {
        Caller caller = call.caller();
        Optional<String> org = call.query("org_id");
        Optional<String> team = call.query("team_id");
        Optional<String> user = call.query("user_id");
        if (caller.admin()) {
            return new Scope(org.orElse(null), team.orElse(null), user.orElse(null));
        }
        boolean self = user.isPresent() && caller.isUser(user.get());
        if (org.isPresent()) {
            String orgId = Visible.org(handle, caller, org.get(), "org_id").id();
            if (!caller.isOrgAdmin(orgId) && !self) {
                throw AdminErrors.forbidden("Only the organization's org admins see its usage");
            }
            return new Scope(orgId, team.orElse(null), user.orElse(null));
        }
        if (team.isPresent()) {
            Team seen = Visible.team(handle, caller, team.get(), "team_id");
            if (!caller.managesTeam(seen.id(), seen.orgId()) && !self) {
                throw AdminErrors.forbidden("Only the team's admins and org admins see its usage");
            }
            return new Scope(null, seen.id(), user.orElse(null));
        }
        if (user.isPresent() && !self) {
            Visible.user(handle, caller, user.get(), "user_id");
            throw AdminErrors.forbidden("Name the organization (org_id) or team (team_id) to see another"
                    + " person's usage");
        }
        if (caller.userId() == null) {
            return new Scope(null, caller.teams().keySet().iterator().next(), null);
        }
        return new Scope(null, null, caller.userId());
    }

    private static boolean csv(AdminCall call) {
        Optional<String> format = call.query("format");
        if (format.isPresent() && !format.get().equals("csv") && !format.get().equals("json")) {
            throw AdminErrors.invalid("format", "'format' must be json or csv");
        }
        return format.map("csv"::equals).orElseGet(call::acceptsCsv);
    }

    private static <T> T parse(AdminCall call, String param, String fallback,
            Function<String, T> parser) {
        String text = call.query(param).orElse(fallback);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw AdminErrors.invalid(param, e.getMessage());
        }
    }

    private static Optional<Instant> time(AdminCall call, String param) {
        return call.query(param).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw AdminErrors.invalid(param, "'" + param + "' must be an ISO-8601 time such as"
                        + " 2030-01-31T00:00:00Z");
            }
        });
    }
}
