package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreateKey;
import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.UpdateKey;
import dev.aqueduct.keys.KeyOwner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code /keys}: people create, rename, expire, revoke and regenerate their own keys, up to
 * {@value KeyChanges#MAX_ACTIVE_KEYS_PER_USER} active ones; team admins do the same for their team's
 * service accounts; admins and org admins for the people they manage (those in no other organization, and
 * no admins), except a person's management keys, which only that person creates and regenerates. A new
 * secret is in the answer of create, regenerate and transfer and nowhere else, ever.
 */
final class KeysApi {
    private final AdminContext context;
    private final KeyChanges changes;

    KeysApi(AdminContext context) {
        this.context = context;
        this.changes = new KeyChanges(context);
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/keys", this::list, "user_id", "service_account_id", "team_id", "org_id", "limit",
                        "after"),
                Route.of("POST", "/keys", this::create),
                Route.of("GET", "/keys/{key_id}", this::get),
                Route.of("PATCH", "/keys/{key_id}", this::update),
                Route.of("POST", "/keys/{key_id}/revoke", changes::revoke),
                Route.of("POST", "/keys/{key_id}/regenerate", changes::regenerate),
                Route.of("POST", "/keys/{key_id}/transfer", changes::transfer));
    }

    private Reply list(AdminCall call) {
        Caller caller = call.caller();
        PageRequest page = call.page();
        Conditions where = new Conditions();
        if (!caller.admin()) {
            where.any(List.of("k.user_id = :me", where.inClause("k.org_id", "orgs", caller.adminOrgs()),
                    where.inClause("k.team_id", "teams", caller.teams().keySet()))).bind("me", caller.userId());
        }
        filter(call, where, "user_id", "k.user_id");
        filter(call, where, "service_account_id", "k.service_account_id");
        filter(call, where, "team_id", "k.team_id");
        filter(call, where, "org_id", "k.org_id");
        if (page.after() != null) {
            where.add("k.id > :after").bind("after", page.after());
        }
        Page<Key> answer = context.jdbi().withHandle(handle -> page.toPage(where.apply(handle.createQuery(
                Rows.KEY + where.sql() + " ORDER BY k.id LIMIT :fetch")).bind("fetch", page.fetch())
                .map(Rows.KEYS).list(), Key::id));
        return Reply.ok(answer);
    }

    private static void filter(AdminCall call, Conditions where, String param, String column) {
        call.query(param).ifPresent(value -> where.add(column + " = :" + param).bind(param, value));
    }

    private Reply create(AdminCall call) {
        CreateKey body = call.body(CreateKey.class);
        String name = Fields.name(body.name(), "name");
        if (body.userId() != null && body.serviceAccountId() != null) {
            throw AdminErrors.invalid("service_account_id", "Give the owner as user_id or service_account_id,"
                    + " not both");
        }
        Scope scope = body.scope() == null ? Scope.INFERENCE : body.scope();
        Caller caller = call.caller();
        CreatedKey created = context.jdbi().inTransaction(handle -> {
            KeyOwner owner = owner(handle, caller, body);
            KeyChanges.requireMayHoldSecret(caller, owner.userId(), scope);
            if (owner.userId() != null) {
                KeyChanges.requireRoomForKey(handle, owner.userId(), call.now());
            }
            CreatedKey key = changes.mint(handle, owner, name, scope, body.expiresAt());
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("name", name);
            changed.put("scope", scope.value());
            changed.put("owner", key.owner());
            changed.put("expires_at", key.expiresAt());
            AuditLog.record(handle, caller, call.now(), "key.create", "key", key.id(), key.orgId(), changed);
            return key;
        });
        return Reply.created(created);
    }

    private KeyOwner owner(Handle handle, Caller caller, CreateKey body) {
        String accountId = body.serviceAccountId();
        if (accountId == null && body.userId() == null && caller.serviceAccountId() != null) {
            accountId = caller.serviceAccountId();
        }
        if (accountId != null) {
            ServiceAccount account = Visible.account(handle, caller, accountId, "service_account_id");
            if (!caller.managesTeam(account.teamId(), account.orgId())) {
                throw AdminErrors.forbidden("Only the team's admins and org admins create its service accounts' keys");
            }
            return KeyOwner.serviceAccount(account.orgId(), account.teamId(), account.id());
        }
        String userId = body.userId() != null ? body.userId() : String.valueOf(caller.userId());
        UserRow user = Visible.user(handle, caller, userId, "user_id");
        if (!caller.isUser(user.id()) && !Visible.manages(caller, user)) {
            throw AdminErrors.forbidden("Only the user and those who manage them (an admin, or the org admins of all"
                    + " their organizations) create the user's keys");
        }
        Optional<String> org = user.orgRoles().keySet().stream().findFirst();
        if (org.isEmpty()) {
            throw AdminErrors.invalid("user_id", caller.isUser(user.id()) ? "You belong to no organization, so you"
                    + " cannot own keys" : "The user belongs to no organization, so they cannot own keys");
        }
        return KeyOwner.user(org.get(), user.id());
    }

    private Reply get(AdminCall call) {
        return Reply.ok(context.jdbi().withHandle(handle -> Visible.key(handle, call.caller(), call.param("key_id"))));
    }

    private Reply update(AdminCall call) {
        UpdateKey body = call.body(UpdateKey.class);
        String name = body.name() == null ? null : Fields.name(body.name(), "name");
        if (body.expiresAt() != null && !body.expiresAt().isAfter(call.now())) {
            throw AdminErrors.invalid("expires_at", "'expires_at' " + body.expiresAt() + " is not in the future");
        }
        Key updated = context.jdbi().inTransaction(handle -> {
            Key key = KeyChanges.managed(handle, call.caller(), call.param("key_id"));
            Map<String, Object> changed = new LinkedHashMap<>();
            if (name != null) {
                handle.createUpdate("UPDATE api_keys SET name = :name WHERE id = :id").bind("name", name)
                        .bind("id", key.id()).execute();
                changed.put("name", Map.of("from", key.name(), "to", name));
            }
            if (body.expiresAt() != null) {
                handle.createUpdate("UPDATE api_keys SET expires_at = :at WHERE id = :id").bind("at", body.expiresAt())
                        .bind("id", key.id()).execute();
                changed.put("expires_at", body.expiresAt());
            }
            AuditLog.record(handle, call.caller(), call.now(), "key.update", "key", key.id(), key.orgId(), changed);
            return handle.createQuery(Rows.KEY + " WHERE k.id = :id").bind("id", key.id()).map(Rows.KEYS).one();
        });
        context.forgetKeys(List.of(updated.id()));
        return Reply.ok(updated);
    }
}
