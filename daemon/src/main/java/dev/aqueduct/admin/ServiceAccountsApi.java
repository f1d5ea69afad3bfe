package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreateServiceAccount;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.UpdateServiceAccount;
import dev.aqueduct.store.Ids;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code /teams/{team_id}/service-accounts} and {@code /service-accounts/{service_account_id}}:
 * the team's admins and org admins create, rename and delete them; team members see them.
 * Deleting one that still has active keys needs {@code ?cascade=true}; its keys go with it.
 */
final class ServiceAccountsApi {
    private final AdminContext context;

    ServiceAccountsApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/teams/{team_id}/service-accounts", this::list, "limit", "after"),
                Route.of("POST", "/teams/{team_id}/service-accounts", this::create),
                Route.of("GET", "/service-accounts/{service_account_id}", this::get),
                Route.of("PATCH", "/service-accounts/{service_account_id}", this::update),
                Route.of("DELETE", "/service-accounts/{service_account_id}", this::delete, "cascade"));
    }

    private Reply list(AdminCall call) {
        PageRequest page = call.page();
        Page<ServiceAccount> answer = context.jdbi().withHandle(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            Conditions where = new Conditions().add("s.team_id = :team").bind("team", team.id());
            if (page.after() != null) {
                where.add("s.id > :after").bind("after", page.after());
            }
            return page.toPage(where.apply(handle.createQuery(Rows.SERVICE_ACCOUNT + where.sql()
                    + " ORDER BY s.id LIMIT :fetch")).bind("fetch", page.fetch()).map(Rows.SERVICE_ACCOUNTS).list(),
                    ServiceAccount::id);
        });
        return Reply.ok(answer);
    }

    private Reply create(AdminCall call) {
        String name = Fields.name(call.body(CreateServiceAccount.class).name(), "name");
        ServiceAccount created = context.jdbi().inTransaction(handle -> {
            Team team = Visible.team(handle, call.caller(), call.param("team_id"), null);
            requireManager(call.caller(), team.id(), team.orgId());
            requireFreeName(handle, team.id(), name);
            ServiceAccount account = new ServiceAccount(Ids.next("sa"), team.id(), team.orgId(), name, call.now());
            handle.createUpdate("INSERT INTO service_accounts (id, team_id, name, created_at)"
                    + " VALUES (:id, :teamId, :name, :createdAt)").bindMethods(account).execute();
            AuditLog.record(handle, call.caller(), call.now(), "service_account.create", "service_account",
                    account.id(), team.orgId(), Map.of("name", name, "team_id", team.id()));
            return account;
        });
        return Reply.created(created);
    }

    private Reply get(AdminCall call) {
        return Reply.ok(context.jdbi().withHandle(handle ->
                Visible.account(handle, call.caller(), call.param("service_account_id"), null)));
    }

    private Reply update(AdminCall call) {
        String name = Fields.name(call.body(UpdateServiceAccount.class).name(), "name");
        ServiceAccount renamed = context.jdbi().inTransaction(handle -> {
            ServiceAccount account = Visible.account(handle, call.caller(), call.param("service_account_id"), null);
            requireManager(call.caller(), account.teamId(), account.orgId());
            if (!name.equals(account.name())) {
                requireFreeName(handle, account.teamId(), name);
            }
            handle.createUpdate("UPDATE service_accounts SET name = :name WHERE id = :id")
                    .bind("name", name).bind("id", account.id()).execute();
            AuditLog.record(handle, call.caller(), call.now(), "service_account.update", "service_account",
                    account.id(), account.orgId(), Map.of("name", Map.of("from", account.name(), "to", name)));
            return new ServiceAccount(account.id(), account.teamId(), account.orgId(), name, account.createdAt());
        });
        return Reply.ok(renamed);
    }

    private Reply delete(AdminCall call) {
        boolean cascade = call.flag("cascade");
        List<String> removed = context.jdbi().inTransaction(handle -> {
            ServiceAccount account = Visible.account(handle, call.caller(), call.param("service_account_id"), null);
            requireManager(call.caller(), account.teamId(), account.orgId());
            long active = handle.createQuery("SELECT COUNT(*) FROM api_keys WHERE service_account_id = :id"
                    + " AND revoked_at IS NULL").bind("id", account.id()).mapTo(Long.class).one();
            if (active > 0 && !cascade) {
                throw AdminErrors.conflict("service_account_has_keys", "Service account '" + account.name()
                        + "' still has " + active + " active keys; revoke them first or delete with ?cascade=true");
            }
            List<String> keys = Removals.deleteServiceAccount(handle, account.id());
            AuditLog.record(handle, call.caller(), call.now(), "service_account.delete", "service_account",
                    account.id(), account.orgId(), Map.of("name", account.name(), "cascade", cascade,
                            "removed_key_ids", keys));
            return keys;
        });
        context.forgetKeys(removed);
        return Reply.noContent();
    }

    private static void requireManager(Caller caller, String teamId, String orgId) {
        if (!caller.managesTeam(teamId, orgId)) {
            throw AdminErrors.forbidden("Only the team's admins and org admins manage its service accounts");
        }
    }

    private static void requireFreeName(Handle handle, String teamId, String name) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM service_accounts WHERE team_id = :team"
                + " AND name = :name").bind("team", teamId).bind("name", name).mapTo(Long.class).one() > 0;
        if (taken) {
            throw AdminErrors.conflict("name_taken", "The team has a service account named '" + name + "' already");
        }
    }
}
