package dev.aqueduct.admin;

import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.OwnerType;
import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.admin.TransferKey;
import dev.aqueduct.keys.KeyException;
import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeySecrets;
import dev.aqueduct.keys.KeyScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Revoking, regenerating and transferring keys. A revocation made here is refused by the relay
 * of this instance on the next request (its cached lookup is dropped) and by other instances
 * within {@code auth.key-cache-seconds}.
 */
final class KeyChanges {
    /** How many unrevoked, unexpired keys one person may own, so a script gone wrong cannot mint keys without end. */
    static final int MAX_ACTIVE_KEYS_PER_USER = 50;

    private final AdminContext context;

    KeyChanges(AdminContext context) {
        this.context = context;
    }

    /** The key, if the caller may see it (else 404) and change it (else 403). */
    static Key managed(Handle handle, Caller caller, String keyId) {
        Key key = Visible.key(handle, caller, keyId);
        if (!Visible.manages(handle, caller, key)) {
            throw AdminErrors.forbidden(key.teamId() != null ? "Only the team's admins and org admins change the keys"
                    + " of its service accounts" : "Only the key's owner and those who manage the owner (an admin, or"
                    + " the org admins of all the owner's organizations) change this key");
        }
        return key;
    }

    /**
     * Refuses with 403 a new secret of a person's management key for anyone but that person: the key acts with all
     * of the person's rights, so whoever else held it would act as them. Service accounts' management keys, which
     * carry admin rights on their own team only, stay with the team's managers.
     */
    static void requireMayHoldSecret(Caller caller, @Nullable String ownerUserId, Scope scope) {
        if (scope == Scope.MANAGEMENT && ownerUserId != null && !caller.isUser(ownerUserId)) {
            throw AdminErrors.forbidden("A person's management key acts with all their rights: only that person"
                    + " creates or regenerates it");
        }
    }

    Reply revoke(AdminCall call) {
        Key revoked = context.jdbi().inTransaction(handle -> {
            Key key = managed(handle, call.caller(), call.param("key_id"));
            boolean changed = revoke(handle, key, call);
            AuditLog.record(handle, call.caller(), call.now(), "key.revoke", "key", key.id(), key.orgId(),
                    Map.of("prefix", key.prefix(), "already_revoked", !changed));
            return reload(handle, key.id());
        });
        context.forgetKeys(List.of(revoked.id()));
        return Reply.ok(revoked);
    }

    Reply regenerate(AdminCall call) {
        CreatedKey created = context.jdbi().inTransaction(handle -> {
            Key old = managed(handle, call.caller(), call.param("key_id"));
            requireMayHoldSecret(call.caller(), old.owner().type() == OwnerType.USER ? old.owner().id() : null,
                    old.scope());
            if (old.revokedAt() != null) {
                throw AdminErrors.conflict("key_revoked", "Key '" + old.id()
                        + "' is revoked; create a new key instead");
            }
            if (old.expiresAt() != null && !old.expiresAt().isAfter(call.now())) {
                throw AdminErrors.conflict("key_expired", "Key '" + old.id()
                        + "' has expired; create a new key instead");
            }
            revoke(handle, old, call);
            CreatedKey fresh = mint(handle, owner(old), old.name(), old.scope(), old.expiresAt());
            AuditLog.record(handle, call.caller(), call.now(), "key.regenerate", "key", old.id(), old.orgId(),
                    Map.of("revoked_prefix", old.prefix(), "new_key_id", fresh.id(), "new_prefix", fresh.prefix()));
            return fresh;
        });
        context.forgetKeys(List.of(call.param("key_id")));
        return Reply.created(created);
    }

    /**
     * Gives a person's inference key to another person of its organization, with a new secret: the old one stops
     * working at once, so nobody who held it goes on using a key that now acts and is billed as someone else. Only
     * someone who manages both the owner and the new owner does it, since the answer carries the new secret.
     */
    Reply transfer(AdminCall call) {
        String userId = Fields.required(call.body(TransferKey.class).userId(), "user_id");
        Caller caller = call.caller();
        CreatedKey moved = context.jdbi().inTransaction(handle -> {
            Key key = Visible.key(handle, caller, call.param("key_id"));
            if (key.owner().type() != OwnerType.USER) {
                throw AdminErrors.invalid(null, "Keys of service accounts cannot be transferred; create a key for the"
                        + " user instead");
            }
            if (key.scope() == Scope.MANAGEMENT) {
                throw AdminErrors.conflict("management_key", "Key '" + key.id() + "' is a management key, which"
                        + " acts as its owner and is never transferred; the new owner creates their own");
            }
            if (key.revokedAt() != null) {
                throw AdminErrors.conflict("key_revoked", "Key '" + key.id() + "' is revoked");
            }
            managed(handle, caller, key.id());
            UserRow to = Visible.user(handle, caller, userId, "user_id");
            requireTransferRights(caller, key, to);
            requireRoomForKey(handle, to.id(), call.now());
            String secret = KeySecrets.generate(KeyScope.INFERENCE);
            handle.createUpdate("UPDATE api_keys SET user_id = :user, key_hash = :hash, prefix = :prefix"
                    + " WHERE id = :id").bind("user", to.id()).bind("hash", KeySecrets.hash(secret))
                    .bind("prefix", KeySecrets.prefix(secret)).bind("id", key.id()).execute();
            AuditLog.record(handle, caller, call.now(), "key.transfer", "key", key.id(), key.orgId(),
                    Map.of("from_user_id", key.owner().id(), "to_user_id", to.id(), "revoked_prefix", key.prefix(),
                            "new_prefix", KeySecrets.prefix(secret)));
            return CreatedKey.of(reload(handle, key.id()), secret);
        });
        context.forgetKeys(List.of(moved.id()));
        return Reply.ok(moved);
    }

    /** The new owner is in the key's organization, and the caller manages them as well as the key's owner. */
    private static void requireTransferRights(Caller caller, Key key, UserRow to) {
        if (!caller.isUser(to.id()) && !Visible.manages(caller, to)) {
            throw AdminErrors.forbidden("Only those who manage the new owner (an admin, or the org admins of all"
                    + " their organizations) transfer a key to them, as the answer carries the key's new secret");
        }
        if (!to.orgRoles().containsKey(key.orgId())) {
            throw AdminErrors.invalid("user_id", "User '" + to.id() + "' is not in the key's organization");
        }
    }

    CreatedKey mint(Handle handle, KeyOwner owner, String name, Scope scope, @Nullable Instant expiresAt) {
        KeyScope keyScope = scope == Scope.MANAGEMENT ? KeyScope.MANAGEMENT : KeyScope.INFERENCE;
        dev.aqueduct.keys.CreatedKey created;
        try {
            created = context.keys().create(owner, name, keyScope, expiresAt);
        } catch (KeyException e) {
            throw AdminErrors.invalid("expires_at", e.getMessage());
        }
        Key key = handle.createQuery(Rows.KEY + " WHERE k.id = :id").bind("id", created.key().id())
                .map(Rows.KEYS).one();
        return CreatedKey.of(key, created.secret());
    }

    /** Refuses a key past the per-user cap with 409. */
    static void requireRoomForKey(Handle handle, String userId, Instant now) {
        long active = handle.createQuery("SELECT COUNT(*) FROM api_keys WHERE user_id = :user AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > :now)").bind("user", userId).bind("now", now)
                .mapTo(Long.class).one();
        if (active >= MAX_ACTIVE_KEYS_PER_USER) {
            throw AdminErrors.conflict("key_limit_reached", "The user has " + active + " active keys, the most one"
                    + " person may have; revoke one first");
        }
    }

    private static boolean revoke(Handle handle, Key key, AdminCall call) {
        return handle.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", call.now()).bind("id", key.id()).execute() == 1;
    }

    private static KeyOwner owner(Key key) {
        return key.owner().type() == OwnerType.USER ? KeyOwner.user(key.orgId(), key.owner().id())
                : KeyOwner.serviceAccount(key.orgId(), String.valueOf(key.teamId()), key.owner().id());
    }

    private static Key reload(Handle handle, String keyId) {
        return handle.createQuery(Rows.KEY + " WHERE k.id = :id").bind("id", keyId).map(Rows.KEYS).one();
    }
}
