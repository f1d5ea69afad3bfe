package dev.aqueduct.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code org_members} and {@code team_members}. */
@RegisterRowMapper(MemberDao.Mapper.class)
interface MemberDao {
    String SELECT = "SELECT m.org_id, o.name AS org_name, m.user_id, m.role"
            + " FROM org_members m JOIN organizations o ON o.id = m.org_id";

    @SqlUpdate("INSERT INTO org_members (org_id, user_id, role) VALUES (:orgId, :userId, :role)")
    void insertOrgMember(String orgId, String userId, String role);

    @SqlUpdate("UPDATE org_members SET role = :role WHERE org_id = :orgId AND user_id = :userId")
    int updateOrgRole(String orgId, String userId, String role);

    @SqlQuery(SELECT + " WHERE m.org_id = :orgId AND m.user_id = :userId")
    Optional<Membership> findOrgMembership(String orgId, String userId);

    @SqlQuery(SELECT + " WHERE m.user_id = :userId ORDER BY o.name")
    List<Membership> findByUser(String userId);

    @SqlQuery(SELECT + " ORDER BY o.name")
    List<Membership> findAll();

    @SqlUpdate("INSERT INTO team_members (team_id, user_id, team_admin) VALUES (:teamId, :userId, :teamAdmin)")
    void insertTeamMember(String teamId, String userId, boolean teamAdmin);

    @SqlQuery("SELECT COUNT(*) FROM team_members WHERE team_id = :teamId AND user_id = :userId")
    long countTeamMembership(String teamId, String userId);

    /** Maps an {@code org_members} row joined with its organization's name. */
    final class Mapper implements RowMapper<Membership> {
        @Override
        public Membership map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Membership(
                    rs.getString("org_id"),
                    rs.getString("org_name"),
                    rs.getString("user_id"),
                    OrgRole.parse(rs.getString("role")));
        }
    }
}
