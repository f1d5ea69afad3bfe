package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreateOrganization;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.UpdateOrganization;
import dev.aqueduct.store.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@code /orgs}: organizations. Admins create, rename and delete them; members see their own. */
final class OrgsApi {
    private final AdminContext context;

    OrgsApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/orgs", this::list, "limit", "after"),
                Route.of("POST", "/orgs", this::create),
                Route.of("GET", "/orgs/{org_id}", this::get),
                Route.of("PATCH", "/orgs/{org_id}", this::update),
                Route.of("DELETE", "/orgs/{org_id}", this::delete, "cascade"));
    }

    private Reply list(AdminCall call) {
        Caller caller = call.caller();
        PageRequest page = call.page();
        Conditions where = new Conditions();
        if (!caller.admin()) {
            Set<String> orgs = new HashSet<>(caller.orgRoles().keySet());
            caller.teams().values().forEach(seat -> orgs.add(seat.orgId()));
            where.in("o.id", "orgs", orgs);
        }
        if (page.after() != null) {
            where.add("o.id > :after").bind("after", page.after());
        }
        Page<Organization> answer = context.jdbi().withHandle(handle -> page.toPage(
                where.apply(handle.createQuery(Rows.ORG + where.sql() + " ORDER BY o.id LIMIT :fetch"))
                        .bind("fetch", page.fetch()).map(Rows.ORGS).list(), Organization::id));
        return Reply.ok(answer);
    }

    private Reply create(AdminCall call) {
        if (!call.caller().admin()) {
            throw AdminErrors.forbidden("Only admins create organizations");
        }
        String name = Fields.name(call.body(CreateOrganization.class).name(), "name");
        Organization org = new Organization(Ids.next("org"), name, call.now());
        context.jdbi().useTransaction(handle -> {
            requireFreeName(handle, name);
            handle.createUpdate("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :createdAt)")
                    .bindMethods(org).execute();
            AuditLog.record(handle, call.caller(), call.now(), "org.create", "org", org.id(), org.id(),
                    Map.of("name", name));
        });
        return Reply.created(org);
    }

    private Reply get(AdminCall call) {
        return Reply.ok(context.jdbi().withHandle(handle ->
                Visible.org(handle, call.caller(), call.param("org_id"), null)));
    }

    private Reply update(AdminCall call) {
        // Bodies are read before the transaction, so a slow client never holds the write lock.
        String name = Fields.name(call.body(UpdateOrganization.class).name(), "name");
        Organization renamed = context.jdbi().inTransaction(handle -> {
            Organization org = Visible.org(handle, call.caller(), call.param("org_id"), null);
            if (!call.caller().admin()) {
                throw AdminErrors.forbidden("Only admins rename organizations");
            }
            if (!name.equals(org.name())) {
                requireFreeName(handle, name);
            }
            handle.createUpdate("UPDATE organizations SET name = :name WHERE id = :id")
                    .bind("name", name).bind("id", org.id()).execute();
            AuditLog.record(handle, call.caller(), call.now(), "org.update", "org", org.id(), org.id(),
                    Map.of("name", Map.of("from", org.name(), "to", name)));
            return new Organization(org.id(), name, org.createdAt());
        });
        return Reply.ok(renamed);
    }

    private Reply delete(AdminCall call) {
        boolean cascade = call.flag("cascade");
        List<String> removedKeys = context.jdbi().inTransaction(handle -> {
            Organization org = Visible.org(handle, call.caller(), call.param("org_id"), null);
            if (!call.caller().admin()) {
                throw AdminErrors.forbidden("Only admins delete organizations");
            }
            Removals.Contents contents = Removals.orgContents(handle, org.id());
            if (!cascade && !contents.isEmpty()) {
                throw AdminErrors.conflict("org_not_empty", "Organization '" + org.name() + "' still has "
                        + contents.describe() + "; remove them first or delete with ?cascade=true");
            }
            List<String> keys = Removals.deleteOrg(handle, org.id());
            AuditLog.record(handle, call.caller(), call.now(), "org.delete", "org", org.id(), org.id(),
                    Map.of("name", org.name(), "cascade", cascade, "removed", contents.asMap(),
                            "removed_key_ids", keys));
            return keys;
        });
        context.forgetKeys(removedKeys);
        return Reply.noContent();
    }

    private static void requireFreeName(Handle handle, String name) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM organizations WHERE name = :name")
                .bind("name", name).mapTo(Long.class).one() > 0;
        if (taken) {
            throw AdminErrors.conflict("name_taken", "An organization named '" + name + "' exists already");
        }
    }
}
