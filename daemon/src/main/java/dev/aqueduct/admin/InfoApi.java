package dev.aqueduct.admin;

import dev.aqueduct.common.admin.AuditEntry;
import dev.aqueduct.common.admin.Me;
import dev.aqueduct.common.admin.ModelInfo;
import dev.aqueduct.common.admin.OrgMembership;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.TeamMembership;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.identity.OrgRole;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The read-only routes about the caller and the gateway: {@code /me}, {@code /models} and the
 * audit log, which admins read whole and org admins for their organizations.
 */
final class InfoApi {
    private final AdminContext context;

    InfoApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/me", this::me),
                Route.of("GET", "/models", this::models),
                Route.of("GET", "/audit", this::audit, "org_id", "actor_id", "limit", "after"));
    }

    private Reply me(AdminCall call) {
        Caller caller = call.caller();
        return Reply.ok(context.jdbi().withHandle(handle -> caller.userId() != null
                ? person(handle, caller, caller.userId()) : serviceAccount(handle, caller)));
    }

    private static Me person(Handle handle, Caller caller, String userId) {
        UserRow row = UserRow.find(handle, userId).orElseThrow();
        User seen = row.toApi(null);
        User user = new User(seen.id(), seen.email(), seen.name(), caller.role(), seen.orgId(), seen.disabled(),
                seen.createdAt());
        List<OrgMembership> orgs = handle.createQuery("SELECT o.id, o.name, m.role FROM org_members m"
                        + " JOIN organizations o ON o.id = m.org_id WHERE m.user_id = :user ORDER BY o.name")
                .bind("user", userId)
                .map((rs, ctx) -> new OrgMembership(rs.getString("id"), rs.getString("name"),
                        OrgRole.parse(rs.getString("role")) == OrgRole.ORG_ADMIN ? Role.ORG_ADMIN : Role.USER))
                .list();
        List<TeamMembership> teams = handle.createQuery("SELECT t.id, t.org_id, t.name, m.team_admin"
                        + " FROM team_members m"
                        + " JOIN teams t ON t.id = m.team_id WHERE m.user_id = :user ORDER BY t.name")
                .bind("user", userId)
                .map((rs, ctx) -> new TeamMembership(rs.getString("id"), rs.getString("org_id"), rs.getString("name"),
                        rs.getBoolean("team_admin")))
                .list();
        return new Me(user, caller.keyId(), null, orgs, teams);
    }

    private static Me serviceAccount(Handle handle, Caller caller) {
        ServiceAccount account = handle.createQuery(Rows.SERVICE_ACCOUNT + " WHERE s.id = :id")
                .bind("id", caller.serviceAccountId()).map(Rows.SERVICE_ACCOUNTS).one();
        TeamMembership team = handle.createQuery("SELECT id, org_id, name FROM teams WHERE id = :id")
                .bind("id", account.teamId())
                .map((rs, ctx) -> new TeamMembership(rs.getString("id"), rs.getString("org_id"), rs.getString("name"),
                        true))
                .one();
        return new Me(null, caller.keyId(), account, List.of(), List.of(team));
    }

    private Reply models(AdminCall call) {
        List<ModelInfo> models = context.catalog().all().stream()
                .map(model -> new ModelInfo(model.name(), model.aliases())).toList();
        return Reply.ok(new Page<>(models, false, null));
    }

    private Reply audit(AdminCall call) {
        Caller caller = call.caller();
        if (!caller.admin() && caller.adminOrgs().isEmpty()) {
            throw AdminErrors.forbidden("Only admins and org admins read the audit log");
        }
        PageRequest page = call.page();
        Optional<String> org = call.query("org_id");
        Optional<String> actor = call.query("actor_id");
        Page<AuditEntry> answer = context.jdbi().withHandle(handle -> {
            Conditions where = new Conditions();
            if (org.isPresent()) {
                String orgId = Visible.org(handle, caller, org.get(), "org_id").id();
                if (!caller.isOrgAdmin(orgId)) {
                    throw AdminErrors.forbidden("Only the organization's org admins read its audit log");
                }
                where.add("org_id = :org").bind("org", orgId);
            } else if (!caller.admin()) {
                where.in("org_id", "orgs", caller.adminOrgs());
            }
            actor.ifPresent(id -> where.add("(actor_user_id = :actor OR actor_key_id = :actor)").bind("actor", id));
            return AuditLog.page(handle, where, page);
        });
        return Reply.ok(answer);
    }
}
