package dev.aqueduct.admin;

import dev.aqueduct.common.admin.AddTeamMember;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.TeamMember;
import dev.aqueduct.common.admin.UpdateTeamMember;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code /teams/{team_id}/members}: team admins and org admins add and remove members; only org
 * admins make or unmake team admins, or remove one. Members see each other.
 */
final class MembersApi {
    private final AdminContext context;

    MembersApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/teams/{team_id}/members", this::list, "limit", "after"),
                Route.of("POST", "/teams/{team_id}/members", this::add),
                Route.of("PATCH", "/teams/{team_id}/members/{user_id}", this::update),
                Route.of("DELETE", "/teams/{team_id}/members/{user_id}", this::remove));
    }

    private Reply list(AdminCall call) {
        PageRequest page = call.page();
        Page<TeamMember> answer = context.jdbi().withHandle(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            Conditions where = new Conditions().add("m.team_id = :team").bind("team", team.id());
            if (page.after() != null) {
                where.add("m.user_id > :after").bind("after", page.after());
            }
            return page.toPage(where.apply(handle.createQuery(Rows.MEMBER + where.sql()
                    + " ORDER BY m.user_id LIMIT :fetch")).bind("fetch", page.fetch()).map(Rows.MEMBERS).list(),
                    TeamMember::userId);
        });
        return Reply.ok(answer);
    }

    private Reply add(AdminCall call) {
        AddTeamMember body = call.body(AddTeamMember.class);
        String userId = Fields.required(body.userId(), "user_id");
        boolean teamAdmin = Boolean.TRUE.equals(body.teamAdmin());
        Caller caller = call.caller();
        TeamMember member = context.jdbi().inTransaction(handle -> {
            Team team = Visible.team(handle, caller, call.param("team_id"), null);
            if (!caller.managesTeam(team.id(), team.orgId())) {
                throw AdminErrors.forbidden("Only the team's admins and org admins add members");
            }
            if (teamAdmin && !caller.isOrgAdmin(team.orgId())) {
                throw AdminErrors.forbidden("Only org admins make team admins");
            }
            UserRow user = Visible.user(handle, caller, userId, "user_id");
            if (!user.orgRoles().containsKey(team.orgId())) {
                throw AdminErrors.invalid("user_id", "User '" + userId
                        + "' is not a member of the team's organization");
            }
            if (user.teams().containsKey(team.id())) {
                throw AdminErrors.conflict("already_member", "User '" + userId + "' is in the team already");
            }
            handle.createUpdate("INSERT INTO team_members (team_id, user_id, team_admin) VALUES (:team, :user, :admin)")
                    .bind("team", team.id()).bind("user", userId).bind("admin", teamAdmin).execute();
            AuditLog.record(handle, caller, call.now(), "member.add", "member", team.id() + "/" + userId,
                    team.orgId(), Map.of("team_id", team.id(), "user_id", userId, "team_admin", teamAdmin));
            return find(handle, team.id(), userId);
        });
        return Reply.created(member);
    }

    private Reply update(AdminCall call) {
        boolean teamAdmin = call.body(UpdateTeamMember.class).teamAdmin();
        TeamMember updated = context.jdbi().inTransaction(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            TeamMember member = member(handle, team, call.param("user_id"));
            if (!call.caller().isOrgAdmin(team.orgId())) {
                throw AdminErrors.forbidden("Only org admins make or unmake team admins");
            }
            handle.createUpdate("UPDATE team_members SET team_admin = :admin WHERE team_id = :team AND user_id = :user")
                    .bind("admin", teamAdmin).bind("team", team.id()).bind("user", member.userId()).execute();
            AuditLog.record(handle, call.caller(), call.now(), "member.update", "member",
                    team.id() + "/" + member.userId(), team.orgId(),
                    Map.of("team_admin", Map.of("from", member.teamAdmin(), "to", teamAdmin)));
            return find(handle, team.id(), member.userId());
        });
        return Reply.ok(updated);
    }

    private Reply remove(AdminCall call) {
        Caller caller = call.caller();
        context.jdbi().useTransaction(handle -> {
            Team team = Visible.team(handle, caller, call.param("team_id"), null);
            TeamMember member = member(handle, team, call.param("user_id"));
            if (!caller.managesTeam(team.id(), team.orgId())) {
                throw AdminErrors.forbidden("Only the team's admins and org admins remove members");
            }
            if (member.teamAdmin() && !caller.isOrgAdmin(team.orgId())) {
                throw AdminErrors.forbidden("Only org admins remove a team admin");
            }
            handle.createUpdate("DELETE FROM team_members WHERE team_id = :team AND user_id = :user")
                    .bind("team", team.id()).bind("user", member.userId()).execute();
            AuditLog.record(handle, caller, call.now(), "member.remove", "member", team.id() + "/" + member.userId(),
                    team.orgId(), Map.of("team_id", team.id(), "user_id", member.userId(),
                            "team_admin", member.teamAdmin()));
        });
        return Reply.noContent();
    }

    private static TeamMember member(Handle handle, Team team, String userId) {
        return handle.createQuery(Rows.MEMBER + " WHERE m.team_id = :team AND m.user_id = :user")
                .bind("team", team.id()).bind("user", userId).map(Rows.MEMBERS).findOne()
                .orElseThrow(() -> AdminErrors.notFound("member of this team", userId, null));
    }

    private static TeamMember find(Handle handle, String teamId, String userId) {
        return handle.createQuery(Rows.MEMBER + " WHERE m.team_id = :team AND m.user_id = :user")
                .bind("team", teamId).bind("user", userId).map(Rows.MEMBERS).one();
    }
}
