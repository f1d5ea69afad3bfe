package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreateUser;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.admin.UpdateUser;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.store.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@code /users}: org admins add people to their organization, rename, disable and remove them,
 * and set their role there; only admins make admins. Deleting a user removes them from one
 * organization and revokes their keys there; the person stays known to the gateway.
 */
final class UsersApi {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");
    private static final int MAX_EMAIL_LENGTH = 254;

    private final AdminContext context;

    UsersApi(AdminContext context) {
        this.context = context;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/users", this::list, "org_id", "limit", "after"),
                Route.of("POST", "/users", this::create),
                Route.of("GET", "/users/{user_id}", this::get, "org_id"),
                Route.of("PATCH", "/users/{user_id}", this::update, "org_id"),
                Route.of("DELETE", "/users/{user_id}", this::remove, "org_id"));
    }

    private Reply list(AdminCall call) {
        Caller caller = call.caller();
        PageRequest page = call.page();
        Optional<String> orgFilter = call.query("org_id");
        Page<User> answer = context.jdbi().withHandle(handle -> {
            Conditions where = new Conditions();
            orgFilter.ifPresent(org -> where.add("u.id IN (SELECT user_id FROM org_members WHERE org_id = :org)")
                    .bind("org", Visible.org(handle, caller, org, "org_id").id()));
            if (!caller.admin()) {
                where.any(List.of("u.id = :me",
                        "u.id IN (SELECT user_id FROM org_members WHERE "
                                + where.inClause("org_id", "managed", caller.managedOrgs()) + ")",
                        "u.id IN (SELECT user_id FROM team_members WHERE "
                                + where.inClause("team_id", "teams", caller.teams().keySet()) + ")"))
                        .bind("me", caller.userId());
            }
            if (page.after() != null) {
                where.add("u.id > :after").bind("after", page.after());
            }
            List<String> ids = where.apply(handle.createQuery("SELECT u.id FROM users u" + where.sql()
                    + " ORDER BY u.id LIMIT :fetch")).bind("fetch", page.fetch()).mapTo(String.class).list();
            List<User> users = ids.stream().map(id -> view(caller, UserRow.find(handle, id).orElseThrow(),
                    orgFilter.orElse(null))).toList();
            return page.toPage(users, User::id);
        });
        return Reply.ok(answer);
    }

    private Reply create(AdminCall call) {
        CreateUser body = call.body(CreateUser.class);
        String email = email(body.email());
        String name = body.name() == null ? null : Fields.name(body.name(), "name");
        String orgId = Fields.required(body.orgId(), "org_id");
        Role role = body.role() == null ? Role.USER : body.role();
        if (role == Role.TEAM_ADMIN) {
            throw AdminErrors.invalid("role", "Team admins are made per team: add the user, then"
                    + " POST /teams/{team_id}/members with team_admin true");
        }
        User created = context.jdbi().inTransaction(handle -> {
            Organization org = Visible.org(handle, call.caller(), orgId, "org_id");
            requireRoleRights(call.caller(), org.id(), role);
            UserRow user = findByEmail(handle, email).orElseGet(() -> insert(handle, email, name, call));
            if (user.orgRoles().containsKey(org.id())) {
                throw AdminErrors.conflict("already_member", "User " + email + " is a member of the organization"
                        + " already");
            }
            join(handle, user.id(), org.id(), role);
            AuditLog.record(handle, call.caller(), call.now(), "user.create", "user", user.id(), org.id(),
                    Map.of("email", email, "role", role.value()));
            return UserRow.find(handle, user.id()).orElseThrow().toApi(org.id());
        });
        return Reply.created(created);
    }

    private Reply get(AdminCall call) {
        return Reply.ok(context.jdbi().withHandle(handle -> view(call.caller(),
                Visible.user(handle, call.caller(), call.param("user_id"), null), call.query("org_id").orElse(null))));
    }

    private Reply update(AdminCall call) {
        UpdateUser body = call.body(UpdateUser.class);
        String name = body.name() == null ? null : Fields.name(body.name(), "name");
        Caller caller = call.caller();
        User updated = context.jdbi().inTransaction(handle -> {
            UserRow user = Visible.user(handle, caller, call.param("user_id"), null);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (name != null) {
                rename(handle, caller, user, name, changes);
            }
            if (body.disabled() != null) {
                disable(handle, caller, user, body.disabled(), changes);
            }
            String org = null;
            if (body.role() != null) {
                org = targetOrg(user, call.query("org_id"));
                setRole(handle, caller, user, org, body.role(), changes);
            }
            AuditLog.record(handle, caller, call.now(), "user.update", "user", user.id(), org, changes);
            return view(caller, UserRow.find(handle, user.id()).orElseThrow(), org);
        });
        if (body.disabled() != null) {
            // Cached lookups carry the owner's disabled flag: drop them, so the relay sees the change at once.
            context.forgetKeys(context.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT id FROM api_keys WHERE user_id = :user").bind("user", updated.id()).mapTo(String.class)
                    .list()));
        }
        return Reply.ok(updated);
    }

    private Reply remove(AdminCall call) {
        Caller caller = call.caller();
        List<String> revoked = context.jdbi().inTransaction(handle -> {
            UserRow user = Visible.user(handle, caller, call.param("user_id"), null);
            String org = targetOrg(user, call.query("org_id"));
            if (!caller.isOrgAdmin(org) || user.admin() && !caller.admin()) {
                throw AdminErrors.forbidden("Only org admins remove people from their organization, and only admins"
                        + " remove an admin");
            }
            List<String> keys = handle.createQuery("SELECT id FROM api_keys WHERE user_id = :user AND org_id = :org"
                    + " AND revoked_at IS NULL").bind("user", user.id()).bind("org", org).mapTo(String.class).list();
            handle.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE user_id = :user AND org_id = :org"
                    + " AND revoked_at IS NULL").bind("now", call.now()).bind("user", user.id()).bind("org", org)
                    .execute();
            handle.createUpdate("DELETE FROM team_members WHERE user_id = :user AND team_id IN"
                    + " (SELECT id FROM teams WHERE org_id = :org)").bind("user", user.id()).bind("org", org).execute();
            handle.createUpdate("DELETE FROM org_members WHERE user_id = :user AND org_id = :org")
                    .bind("user", user.id()).bind("org", org).execute();
            AuditLog.record(handle, caller, call.now(), "user.remove", "user", user.id(), org,
                    Map.of("email", user.email(), "revoked_key_ids", keys));
            return keys;
        });
        context.forgetKeys(revoked);
        return Reply.noContent();
    }

    private static void rename(Handle handle, Caller caller, UserRow user, String name, Map<String, Object> changes) {
        if (!caller.isUser(user.id()) && !Visible.manages(caller, user)) {
            throw AdminErrors.forbidden("Only the user and the org admins of all their organizations rename a user");
        }
        handle.createUpdate("UPDATE users SET name = :name WHERE id = :id").bind("name", name).bind("id", user.id())
                .execute();
        changes.put("name", name);
    }

    private static void disable(Handle handle, Caller caller, UserRow user, boolean disabled,
            Map<String, Object> changes) {
        if (!Visible.manages(caller, user)) {
            throw AdminErrors.forbidden("Only admins and the org admins of all the user's organizations"
                    + " disable a user");
        }
        if (caller.isUser(user.id())) {
            throw AdminErrors.invalid("disabled", "You cannot disable yourself");
        }
        handle.createUpdate("UPDATE users SET disabled = :disabled WHERE id = :id").bind("disabled", disabled)
                .bind("id", user.id()).execute();
        changes.put("disabled", disabled);
    }

    private static void setRole(Handle handle, Caller caller, UserRow user, String org, Role role,
            Map<String, Object> changes) {
        if (role == Role.TEAM_ADMIN) {
            throw AdminErrors.invalid("role", "Team admins are set per team: PATCH /teams/{team_id}/members/{user_id}");
        }
        requireRoleRights(caller, org, role);
        if (user.admin() && role != Role.ADMIN) {
            if (!caller.admin()) {
                throw AdminErrors.forbidden("Only admins change an admin's role");
            }
            long admins = handle.createQuery("SELECT COUNT(*) FROM users WHERE is_admin = TRUE")
                    .mapTo(Long.class).one();
            if (admins <= 1) {
                throw AdminErrors.conflict("last_admin", "This is the gateway's last admin; make another admin first");
            }
        }
        handle.createUpdate("UPDATE users SET is_admin = :admin WHERE id = :id").bind("admin", role == Role.ADMIN)
                .bind("id", user.id()).execute();
        OrgRole orgRole = role == Role.USER ? OrgRole.USER : OrgRole.ORG_ADMIN;
        handle.createUpdate("UPDATE org_members SET role = :role WHERE org_id = :org AND user_id = :user")
                .bind("role", orgRole.value()).bind("org", org).bind("user", user.id()).execute();
        changes.put("role", Map.of("from", user.roleIn(org).value(), "to", role.value(), "org_id", org));
    }

    private static void requireRoleRights(Caller caller, String orgId, Role role) {
        if (!caller.isOrgAdmin(orgId)) {
            throw AdminErrors.forbidden("Only org admins add people and set roles in their organization");
        }
        if (role == Role.ADMIN && !caller.admin()) {
            throw AdminErrors.forbidden("Only admins make admins");
        }
    }

    /** The organization a role change or removal is about: {@code ?org_id}, or the user's only one. */
    private static String targetOrg(UserRow user, Optional<String> orgId) {
        if (orgId.isPresent()) {
            if (!user.orgRoles().containsKey(orgId.get())) {
                throw AdminErrors.invalid("org_id", "The user is not a member of organization '" + orgId.get() + "'");
            }
            return orgId.get();
        }
        if (user.orgRoles().size() != 1) {
            throw AdminErrors.invalid("org_id", "The user belongs to " + user.orgRoles().size()
                    + " organizations; name one with ?org_id=");
        }
        return user.orgRoles().keySet().iterator().next();
    }

    /** The user as the caller sees them: from the asked organization, else the first one the caller is in. */
    private static User view(Caller caller, UserRow user, @Nullable String orgId) {
        if (orgId != null) {
            return user.toApi(orgId);
        }
        List<String> shared = new ArrayList<>(user.orgRoles().keySet().stream().filter(caller::inOrg).toList());
        User seen = user.toApi(shared.isEmpty() ? null : shared.getFirst());
        return shared.isEmpty() ? new User(seen.id(), seen.email(), seen.name(), seen.role() == Role.ADMIN
                ? Role.ADMIN : Role.USER, null, seen.disabled(), seen.createdAt()) : seen;
    }

    private static Optional<UserRow> findByEmail(Handle handle, String email) {
        return handle.createQuery("SELECT id FROM users WHERE email = :email").bind("email", email)
                .mapTo(String.class).findOne().flatMap(id -> UserRow.find(handle, id));
    }

    private static UserRow insert(Handle handle, String email, @Nullable String name, AdminCall call) {
        String id = Ids.next("usr");
        handle.createUpdate("INSERT INTO users (id, email, name, is_admin, disabled, created_at)"
                + " VALUES (:id, :email, :name, FALSE, FALSE, :createdAt)")
                .bind("id", id).bind("email", email).bind("name", name).bind("createdAt", call.now()).execute();
        return UserRow.find(handle, id).orElseThrow();
    }

    private static void join(Handle handle, String userId, String orgId, Role role) {
        handle.createUpdate("INSERT INTO org_members (org_id, user_id, role) VALUES (:org, :user, :role)")
                .bind("org", orgId).bind("user", userId)
                .bind("role", (role == Role.USER ? OrgRole.USER : OrgRole.ORG_ADMIN).value()).execute();
        if (role == Role.ADMIN) {
            handle.createUpdate("UPDATE users SET is_admin = TRUE WHERE id = :id").bind("id", userId).execute();
        }
    }

    private static String email(@Nullable String value) {
        String address = Fields.required(value, "email").strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
            throw AdminErrors.invalid("email", "'email' must be an address such as name@example.com");
        }
        return address;
    }
}
