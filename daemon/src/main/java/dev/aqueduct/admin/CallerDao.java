package dev.aqueduct.admin;

import dev.aqueduct.identity.OrgRole;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the admin API needs to know about a caller: the user, their memberships, a service account's team. */
@RegisterConstructorMapper(CallerDao.UserFlags.class)
@RegisterConstructorMapper(CallerDao.Seat.class)
interface CallerDao {
    /** A user's row: whether admin and whether disabled. */
    record UserFlags(String id, boolean admin, boolean disabled) {
    }

    /** A membership row of either kind. */
    record Seat(String id, String orgId, String role, boolean teamAdmin) {
        OrgRole orgRole() {
            return OrgRole.parse(role);
        }
    }

    @SqlQuery("SELECT id, is_admin AS admin, disabled FROM users WHERE id = :userId")
    Optional<UserFlags> findUser(String userId);

    @SqlQuery("SELECT org_id AS id, org_id, role, FALSE AS team_admin FROM org_members WHERE user_id = :userId")
    List<Seat> findOrgSeats(String userId);

    @SqlQuery("SELECT m.team_id AS id, t.org_id, 'user' AS role, m.team_admin FROM team_members m"
            + " JOIN teams t ON t.id = m.team_id WHERE m.user_id = :userId")
    List<Seat> findTeamSeats(String userId);

    @SqlQuery("SELECT s.team_id AS id, t.org_id, 'user' AS role, TRUE AS team_admin FROM service_accounts s"
            + " JOIN teams t ON t.id = s.team_id WHERE s.id = :serviceAccountId")
    Optional<Seat> findServiceAccountSeat(String serviceAccountId);
}
