package dev.aqueduct.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Deletes organizations, teams and service accounts with everything that hangs on them, inside
 * the caller's transaction. Keys are deleted with their owner: a deleted key is refused like a
 * revoked one, and its usage stays in the reports under its id. Users are never deleted, only
 * their memberships.
 */
final class Removals {
    private static final String ORG_TEAMS = "SELECT id FROM teams WHERE org_id = :id";
    private static final String TEAM_ACCOUNTS = "SELECT id FROM service_accounts WHERE team_id = :id";

    /** What a container still holds, by kind, such as {@code members=2, keys=1}. */
    record Contents(Map<String, Long> counts) {
        boolean isEmpty() {
            return counts.values().stream().allMatch(count -> count == 0);
        }

        String describe() {
            return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        Map<String, Long> asMap() {
            return counts;
        }
    }

    private Removals() {
    }

    static Contents orgContents(Handle handle, String orgId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("members", count(handle, "SELECT COUNT(*) FROM org_members WHERE org_id = :id", orgId));
        counts.put("teams", count(handle, "SELECT COUNT(*) FROM teams WHERE org_id = :id", orgId));
        counts.put("keys", count(handle, "SELECT COUNT(*) FROM api_keys WHERE org_id = :id", orgId));
        return new Contents(counts);
    }

    static Contents teamContents(Handle handle, String teamId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("members", count(handle, "SELECT COUNT(*) FROM team_members WHERE team_id = :id", teamId));
        counts.put("service_accounts", count(handle, "SELECT COUNT(*) FROM service_accounts WHERE team_id = :id",
                teamId));
        counts.put("keys", count(handle, "SELECT COUNT(*) FROM api_keys WHERE team_id = :id", teamId));
        return new Contents(counts);
    }

    /** Deletes the organization, its teams, memberships, service accounts, keys and policies; the removed key ids. */
    static List<String> deleteOrg(Handle handle, String orgId) {
        List<String> keys = ids(handle, "SELECT id FROM api_keys WHERE org_id = :id", orgId);
        deletePolicies(handle, "key", "SELECT id FROM api_keys WHERE org_id = :id", orgId);
        deletePolicies(handle, "team", ORG_TEAMS, orgId);
        deletePolicy(handle, "org", orgId);
        run(handle, "DELETE FROM api_keys WHERE org_id = :id", orgId);
        run(handle, "DELETE FROM service_accounts WHERE team_id IN (" + ORG_TEAMS + ")", orgId);
        run(handle, "DELETE FROM team_members WHERE team_id IN (" + ORG_TEAMS + ")", orgId);
        run(handle, "DELETE FROM teams WHERE org_id = :id", orgId);
        run(handle, "DELETE FROM org_members WHERE org_id = :id", orgId);
        run(handle, "DELETE FROM organizations WHERE id = :id", orgId);
        return keys;
    }

    /** Deletes the team, its memberships, service accounts, their keys and policies; the removed key ids. */
    static List<String> deleteTeam(Handle handle, String teamId) {
        String keysOfTeam = "SELECT id FROM api_keys WHERE team_id = :id OR service_account_id IN (" + TEAM_ACCOUNTS
                + ")";
        List<String> keys = ids(handle, keysOfTeam, teamId);
        deletePolicies(handle, "key", keysOfTeam, teamId);
        deletePolicy(handle, "team", teamId);
        run(handle, "DELETE FROM api_keys WHERE id IN (" + keysOfTeam + ")", teamId);
        run(handle, "DELETE FROM service_accounts WHERE team_id = :id", teamId);
        run(handle, "DELETE FROM team_members WHERE team_id = :id", teamId);
        run(handle, "DELETE FROM teams WHERE id = :id", teamId);
        return keys;
    }

    /** Deletes the service account with its keys and their policies; the removed key ids. */
    static List<String> deleteServiceAccount(Handle handle, String accountId) {
        String keysOfAccount = "SELECT id FROM api_keys WHERE service_account_id = :id";
        List<String> keys = ids(handle, keysOfAccount, accountId);
        deletePolicies(handle, "key", keysOfAccount, accountId);
        run(handle, "DELETE FROM api_keys WHERE service_account_id = :id", accountId);
        run(handle, "DELETE FROM service_accounts WHERE id = :id", accountId);
        return keys;
    }

    private static void deletePolicy(Handle handle, String type, String id) {
        handle.createUpdate("DELETE FROM policies WHERE target_type = :type AND target_id = :id")
                .bind("type", type).bind("id", id).execute();
    }

    private static void deletePolicies(Handle handle, String type, String targets, String id) {
        handle.createUpdate("DELETE FROM policies WHERE target_type = :type AND target_id IN (" + targets + ")")
                .bind("type", type).bind("id", id).execute();
    }

    private static long count(Handle handle, String sql, String id) {
        return handle.createQuery(sql).bind("id", id).mapTo(Long.class).one();
    }

    private static List<String> ids(Handle handle, String sql, String id) {
        return handle.createQuery(sql).bind("id", id).mapTo(String.class).list();
    }

    private static void run(Handle handle, String sql, String id) {
        handle.createUpdate(sql).bind("id", id).execute();
    }
}
