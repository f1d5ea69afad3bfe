package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreateTeam;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.UpdateTeam;
import dev.aqueduct.store.Ids;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code /orgs/{org_id}/teams} and {@code /teams/{team_id}}: org admins create, rename and
 * delete teams; members see their own teams, org admins all of the organization's.
 */
final class TeamsApi {
    private final AdminContext context;

    TeamsApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/orgs/{org_id}/teams", this::list, "limit", "after"),
                Route.of("POST", "/orgs/{org_id}/teams", this::create),
                Route.of("GET", "/teams/{team_id}", this::get),
                Route.of("PATCH", "/teams/{team_id}", this::update),
                Route.of("DELETE", "/teams/{team_id}", this::delete, "cascade"));
    }

    private Reply list(AdminCall call) {
        Caller caller = call.caller();
        PageRequest page = call.page();
        Page<Team> answer = context.jdbi().withHandle(handle -> {
            Organization org = Visible.org(handle, caller, call.param("org_id"), null);
            Conditions where = new Conditions().add("t.org_id = :org").bind("org", org.id());
            if (!caller.isOrgAdmin(org.id())) {
                where.in("t.id", "teams", caller.teams().keySet());
            }
            if (page.after() != null) {
                where.add("t.id > :after").bind("after", page.after());
            }
            return page.toPage(where.apply(handle.createQuery(Rows.TEAM + where.sql() + " ORDER BY t.id LIMIT :fetch"))
                    .bind("fetch", page.fetch()).map(Rows.TEAMS).list(), Team::id);
        });
        return Reply.ok(answer);
    }

    private Reply create(AdminCall call) {
        String name = Fields.name(call.body(CreateTeam.class).name(), "name");
        Team created = context.jdbi().inTransaction(handle -> {
            Organization org = Visible.org(handle, call.caller(), call.param("org_id"), null);
            if (!call.caller().isOrgAdmin(org.id())) {
                throw AdminErrors.forbidden("Only org admins create teams");
            }
            requireFreeName(handle, org.id(), name);
            Team team = new Team(Ids.next("team"), org.id(), name, call.now());
            handle.createUpdate("INSERT INTO teams (id, org_id, name, created_at) VALUES (:id, :orgId, :name,"
                    + " :createdAt)").bindMethods(team).execute();
            AuditLog.record(handle, call.caller(), call.now(), "team.create", "team", team.id(), org.id(),
                    Map.of("name", name));
            return team;
        });
        return Reply.created(created);
    }

    private Reply get(AdminCall call) {
        return Reply.ok(context.jdbi().withHandle(handle ->
                Visible.team(handle, call.caller(), call.param("team_id"), null)));
    }

    private Reply update(AdminCall call) {
        String name = Fields.name(call.body(UpdateTeam.class).name(), "name");
        Team renamed = context.jdbi().inTransaction(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            if (!call.caller().isOrgAdmin(team.orgId())) {
                throw AdminErrors.forbidden("Only org admins rename teams");
            }
            if (!name.equals(team.name())) {
                requireFreeName(handle, team.orgId(), name);
            }
            handle.createUpdate("UPDATE teams SET name = :name WHERE id = :id")
                    .bind("name", name).bind("id", team.id()).execute();
            AuditLog.record(handle, call.caller(), call.now(), "team.update", "team", team.id(), team.orgId(),
                    Map.of("name", Map.of("from", team.name(), "to", name)));
            return new Team(team.id(), team.orgId(), name, team.createdAt());
        });
        return Reply.ok(renamed);
    }

    private Reply delete(AdminCall call) {
        boolean cascade = call.flag("cascade");
        List<String> removedKeys = context.jdbi().inTransaction(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            if (!call.caller().isOrgAdmin(team.orgId())) {
                throw AdminErrors.forbidden("Only org admins delete teams");
            }
            Removals.Contents contents = Removals.teamContents(handle, team.id());
            if (!cascade && !contents.isEmpty()) {
                throw AdminErrors.conflict("team_not_empty", "Team '" + team.name() + "' still has "
                        + contents.describe() + "; remove them first or delete with ?cascade=true");
            }
            List<String> keys = Removals.deleteTeam(handle, team.id());
            AuditLog.record(handle, call.caller(), call.now(), "team.delete", "team", team.id(), team.orgId(),
                    Map.of("name", team.name(), "cascade", cascade, "removed", contents.asMap(),
                            "removed_key_ids", keys));
            return keys;
        });
        context.forgetKeys(removedKeys);
        return Reply.noContent();
    }

    private static void requireFreeName(Handle handle, String orgId, String name) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM teams WHERE org_id = :org AND name = :name")
                .bind("org", orgId).bind("name", name).mapTo(Long.class).one() > 0;
        if (taken) {
            throw AdminErrors.conflict("name_taken", "The organization has a team named '" + name + "' already");
        }
    }
}
