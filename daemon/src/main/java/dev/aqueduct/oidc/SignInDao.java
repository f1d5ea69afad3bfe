package dev.aqueduct.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

/** The rows sign-in reads and writes: users with their provider identity, organizations, teams, memberships. */
@RegisterConstructorMapper(SignInDao.Account.class)
@RegisterConstructorMapper(SignInDao.OrgMember.class)
@RegisterConstructorMapper(SignInDao.TeamMember.class)
interface SignInDao {
    String ACCOUNT = "SELECT id, email, is_admin AS admin, admin_from_sign_in, disabled, oidc_subject FROM users";

    /** A user as sign-in sees it. */
    record Account(String id, String email, boolean admin, boolean adminFromSignIn, boolean disabled,
            @Nullable String oidcSubject) {
    }

    /** A user's membership of one organization. */
    record OrgMember(String orgId, String orgName, String role, boolean fromSignIn) {
    }

    /** A user's membership of one team. */
    record TeamMember(String teamId, String orgId, String orgName, String teamName, boolean teamAdmin,
            boolean fromSignIn) {
    }

    @SqlQuery(ACCOUNT + " WHERE oidc_issuer = :issuer AND oidc_subject = :subject")
    Optional<Account> findByIdentity(String issuer, String subject);

    @SqlQuery(ACCOUNT + " WHERE email = :email")
    Optional<Account> findByEmail(String email);

    @SqlUpdate("INSERT INTO users (id, email, name, is_admin, disabled, created_at, oidc_issuer, oidc_subject,"
            + " last_sign_in_at) VALUES (:id, :email, :name, FALSE, FALSE, :now, :issuer, :subject, :now)")
    void insertUser(String id, String email, @Nullable String name, Instant now, String issuer, String subject);

    @SqlUpdate("UPDATE users SET oidc_issuer = :issuer, oidc_subject = :subject WHERE id = :id")
    void link(String id, String issuer, String subject);

    @SqlUpdate("UPDATE users SET name = COALESCE(:name, name), last_sign_in_at = :now WHERE id = :id")
    void recordSignIn(String id, @Nullable String name, Instant now);

    @SqlUpdate("UPDATE users SET email = :email WHERE id = :id"
            + " AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email = :email)")
    int updateEmailIfFree(String id, String email);

    @SqlUpdate("UPDATE users SET is_admin = :admin, admin_from_sign_in = :fromSignIn WHERE id = :id")
    void updateAdmin(String id, boolean admin, boolean fromSignIn);

    @SqlQuery("SELECT id FROM organizations WHERE name = :name")
    Optional<String> findOrgId(String name);

    @SqlUpdate("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :now)")
    void insertOrg(String id, String name, Instant now);

    @SqlQuery("SELECT id FROM teams WHERE org_id = :orgId AND name = :name")
    Optional<String> findTeamId(String orgId, String name);

    @SqlUpdate("INSERT INTO teams (id, org_id, name, created_at) VALUES (:id, :orgId, :name, :now)")
    void insertTeam(String id, String orgId, String name, Instant now);

    @SqlQuery("SELECT m.org_id, o.name AS org_name, m.role, m.from_sign_in FROM org_members m"
            + " JOIN organizations o ON o.id = m.org_id WHERE m.user_id = :userId")
    List<OrgMember> orgMemberships(String userId);

    @SqlUpdate("INSERT INTO org_members (org_id, user_id, role, from_sign_in) VALUES (:orgId, :userId, :role, TRUE)")
    void insertOrgMember(String orgId, String userId, String role);

    @SqlUpdate("UPDATE org_members SET role = :role WHERE org_id = :orgId AND user_id = :userId")
    void updateOrgRole(String orgId, String userId, String role);

    @SqlUpdate("DELETE FROM org_members WHERE org_id = :orgId AND user_id = :userId")
    void deleteOrgMember(String orgId, String userId);

    @SqlQuery("SELECT m.team_id, t.org_id, o.name AS org_name, t.name AS team_name, m.team_admin, m.from_sign_in"
            + " FROM team_members m JOIN teams t ON t.id = m.team_id JOIN organizations o ON o.id = t.org_id"
            + " WHERE m.user_id = :userId")
    List<TeamMember> teamMemberships(String userId);

    @SqlUpdate("INSERT INTO team_members (team_id, user_id, team_admin, from_sign_in)"
            + " VALUES (:teamId, :userId, :teamAdmin, TRUE)")
    void insertTeamMember(String teamId, String userId, boolean teamAdmin);

    @SqlUpdate("UPDATE team_members SET team_admin = :teamAdmin WHERE team_id = :teamId AND user_id = :userId")
    void updateTeamAdmin(String teamId, String userId, boolean teamAdmin);

    @SqlUpdate("DELETE FROM team_members WHERE team_id = :teamId AND user_id = :userId")
    void deleteTeamMember(String teamId, String userId);
}
