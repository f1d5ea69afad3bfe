package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Role;
import dev.aqueduct.common.admin.User;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.store.Columns;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * A user as stored, with their organizations and teams, from which the admin API's
 * {@link User} is made for a given organization.
 *
 * @param orgRoles role by organization id, ordered by organization id
 * @param teams whether team admin, by team id
 * @param teamOrgs each team's organization, by team id
 */
record UserRow(String id, String email, @Nullable String name, boolean admin, boolean disabled, Instant createdAt,
        Map<String, OrgRole> orgRoles, Map<String, Boolean> teams, Map<String, String> teamOrgs) {

    static Optional<UserRow> find(Handle handle, String id) {
        return handle.createQuery("SELECT id, email, name, is_admin, disabled, created_at FROM users WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new UserRow(rs.getString("id"), rs.getString("email"), rs.getString("name"),
                        rs.getBoolean("is_admin"), rs.getBoolean("disabled"), Columns.instant(rs, "created_at"),
                        Map.of(), Map.of(), Map.of()))
                .findOne()
                .map(user -> user.withSeats(handle));
    }

    private UserRow withSeats(Handle handle) {
        Map<String, OrgRole> roles = new TreeMap<>();
        handle.createQuery("SELECT org_id, role FROM org_members WHERE user_id = :id").bind("id", id)
                .map((rs, ctx) -> Map.entry(rs.getString("org_id"), OrgRole.parse(rs.getString("role"))))
                .forEach(e -> roles.put(e.getKey(), e.getValue()));
        Map<String, Boolean> seats = new TreeMap<>();
        Map<String, String> orgs = new TreeMap<>();
        handle.createQuery("SELECT m.team_id, m.team_admin, t.org_id FROM team_members m"
                        + " JOIN teams t ON t.id = m.team_id WHERE m.user_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new TeamSeat(rs.getString("team_id"), rs.getString("org_id"),
                        rs.getBoolean("team_admin")))
                .forEach(seat -> {
                    seats.put(seat.teamId(), seat.teamAdmin());
                    orgs.put(seat.teamId(), seat.orgId());
                });
        return new UserRow(id, email, name, admin, disabled, createdAt, roles, seats, orgs);
    }

    /**
     * The user as seen from {@code orgId}, or from their first organization when null: an
     * admin's role is {@code admin}; a member's is their role there, raised to {@code team_admin}
     * when they administer one of its teams.
     */
    User toApi(@Nullable String orgId) {
        String org = orgId != null && orgRoles.containsKey(orgId) ? orgId
                : orgRoles.keySet().stream().findFirst().orElse(null);
        return new User(id, email, name, roleIn(org), org, disabled, createdAt);
    }

    Role roleIn(@Nullable String orgId) {
        if (admin) {
            return Role.ADMIN;
        }
        if (orgId != null && orgRoles.get(orgId) == OrgRole.ORG_ADMIN) {
            return Role.ORG_ADMIN;
        }
        boolean teamAdmin = teams.entrySet().stream()
                .anyMatch(e -> e.getValue() && teamOrgs.get(e.getKey()).equals(orgId));
        return teamAdmin ? Role.TEAM_ADMIN : Role.USER;
    }
}
