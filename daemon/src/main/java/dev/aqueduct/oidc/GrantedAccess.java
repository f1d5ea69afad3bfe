package dev.aqueduct.oidc;

import dev.aqueduct.identity.OrgRole;
import java.util.Map;
import java.util.Set;

/**
 * The memberships a user's groups give, by the configured mapping rules.
 *
 * @param orgs organization name to role; every organization of a team is here too
 * @param teams the teams, each with whether the user is its admin
 * @param admin whether the user is in the admin group
 */
record GrantedAccess(Map<String, OrgRole> orgs, Set<TeamGrant> teams, boolean admin) {
    /** Membership of the team {@code team} in the organization {@code org}. */
    record TeamGrant(String org, String team, boolean teamAdmin) {
    }
}
