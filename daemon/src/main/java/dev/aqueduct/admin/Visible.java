package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.Team;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Finds objects the caller may see, answering 404 alike for objects that do not exist and for
 * objects the caller may not see, so no answer tells one from the other.
 *
 * <p>Who sees what: an admin sees everything. Members of an organization see it; its org admins
 * see all of its teams, users and keys. Members of a team see the team, its members, its service
 * accounts and their keys. Team admins also see the people of the team's organization (to add
 * them). Everyone sees themselves and their own keys.
 */
final class Visible {
    private Visible() {
    }

    static Organization org(Handle handle, Caller caller, String id, @Nullable String param) {
        return handle.createQuery(Rows.ORG + " WHERE o.id = :id").bind("id", id).map(Rows.ORGS).findOne()
                .filter(org -> caller.inOrg(org.id()))
                .orElseThrow(() -> AdminErrors.notFound("organization", id, param));
    }

    static Team team(Handle handle, Caller caller, String id, @Nullable String param) {
        return handle.createQuery(Rows.TEAM + " WHERE t.id = :id").bind("id", id).map(Rows.TEAMS).findOne()
                .filter(team -> caller.seesTeam(team.id(), team.orgId()))
                .orElseThrow(() -> AdminErrors.notFound("team", id, param));
    }

    static ServiceAccount account(Handle handle, Caller caller, String id, @Nullable String param) {
        return handle.createQuery(Rows.SERVICE_ACCOUNT + " WHERE s.id = :id").bind("id", id)
                .map(Rows.SERVICE_ACCOUNTS).findOne()
                .filter(account -> caller.seesTeam(account.teamId(), account.orgId()))
                .orElseThrow(() -> AdminErrors.notFound("service account", id, param));
    }

    static Key key(Handle handle, Caller caller, String id) {
        return handle.createQuery(Rows.KEY + " WHERE k.id = :id").bind("id", id).map(Rows.KEYS).findOne()
                .filter(key -> sees(caller, key))
                .orElseThrow(() -> AdminErrors.notFound("key", id, null));
    }

    static UserRow user(Handle handle, Caller caller, String id, @Nullable String param) {
        return UserRow.find(handle, id).filter(user -> sees(caller, user))
                .orElseThrow(() -> AdminErrors.notFound("user", id, param));
    }

    static boolean sees(Caller caller, Key key) {
        return caller.admin() || key.owner().id().equals(caller.userId()) || caller.isOrgAdmin(key.orgId())
                || key.teamId() != null && caller.inTeam(key.teamId());
    }

    /**
     * Whether the caller may change the key: a service account's key by its team's managers; a person's key by
     * the person and by whoever manages the person (see {@link #manages(Caller, UserRow)}), so nobody changes
     * the keys of someone whose rights exceed their own.
     */
    static boolean manages(Handle handle, Caller caller, Key key) {
        if (key.teamId() != null) {
            return caller.managesTeam(key.teamId(), key.orgId());
        }
        if (caller.isUser(key.owner().id())) {
            return true;
        }
        return caller.isOrgAdmin(key.orgId())
                && UserRow.find(handle, key.owner().id()).filter(owner -> manages(caller, owner)).isPresent();
    }

    static boolean sees(Caller caller, UserRow user) {
        if (caller.admin() || caller.isUser(user.id())) {
            return true;
        }
        List<String> managed = List.copyOf(caller.managedOrgs());
        return user.orgRoles().keySet().stream().anyMatch(managed::contains)
                || user.teams().keySet().stream().anyMatch(caller::inTeam);
    }

    /**
     * Whether the caller may change the user and their keys: an admin, or, for a user who is not an admin, an org
     * admin of every organization the user is in. Nobody else's rights cover all of the user's.
     */
    static boolean manages(Caller caller, UserRow user) {
        if (caller.admin()) {
            return true;
        }
        return !user.admin() && !user.orgRoles().isEmpty()
                && user.orgRoles().keySet().stream().allMatch(caller::isOrgAdmin);
    }
}
