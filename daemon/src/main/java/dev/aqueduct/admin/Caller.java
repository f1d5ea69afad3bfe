package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Role;
import dev.aqueduct.identity.OrgRole;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Who calls the admin API, with their rights as stored at the start of the call: a person
 * (signed in, or through their management key), or a service account's management key, which
 * acts as admin of its own team and nothing more.
 *
 * @param userId the person, or null for a service account's key
 * @param keyId the management key of the call, or null when signed in otherwise
 * @param serviceAccountId the service account whose key this is, or null for a person
 * @param orgRoles the person's role in each organization they belong to, by organization id
 * @param teams the caller's teams, by team id
 */
record Caller(@Nullable String userId, @Nullable String keyId, @Nullable String serviceAccountId, boolean admin,
        Map<String, OrgRole> orgRoles, Map<String, TeamSeat> teams) {

    Caller {
        orgRoles = Map.copyOf(orgRoles);
        teams = Map.copyOf(teams);
    }

    boolean isOrgAdmin(String orgId) {
        return admin || orgRoles.get(orgId) == OrgRole.ORG_ADMIN;
    }

    /** Whether the caller belongs to the organization, directly or through a team. */
    boolean inOrg(String orgId) {
        return admin || orgRoles.containsKey(orgId) || teams.values().stream().anyMatch(t -> t.orgId().equals(orgId));
    }

    boolean inTeam(String teamId) {
        return teams.containsKey(teamId);
    }

    /** Whether the caller manages the team: its team admin, an admin of its organization, or an admin. */
    boolean managesTeam(String teamId, String orgId) {
        TeamSeat seat = teams.get(teamId);
        return isOrgAdmin(orgId) || seat != null && seat.teamAdmin();
    }

    /** Whether the caller may see the team: a member, or someone who manages it. */
    boolean seesTeam(String teamId, String orgId) {
        return inTeam(teamId) || managesTeam(teamId, orgId);
    }

    boolean isUser(String id) {
        return id.equals(userId);
    }

    /** Organizations where the caller is org admin. */
    Set<String> adminOrgs() {
        return orgRoles.entrySet().stream().filter(e -> e.getValue() == OrgRole.ORG_ADMIN).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Organizations where the caller is org admin or admin of a team: where they may look people up. */
    Set<String> managedOrgs() {
        Set<String> orgs = new HashSet<>(adminOrgs());
        teams.values().stream().filter(TeamSeat::teamAdmin).forEach(t -> orgs.add(t.orgId()));
        return orgs;
    }

    /** The caller's highest role anywhere, as {@code GET /me} shows it. */
    Role role() {
        if (admin) {
            return Role.ADMIN;
        }
        if (!adminOrgs().isEmpty()) {
            return Role.ORG_ADMIN;
        }
        return teams.values().stream().anyMatch(TeamSeat::teamAdmin) ? Role.TEAM_ADMIN : Role.USER;
    }

    /** Who made a change, for log lines: the user or the service account. */
    String actor() {
        return userId != null ? userId : String.valueOf(serviceAccountId);
    }
}
