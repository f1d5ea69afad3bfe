package dev.aqueduct.identity;

import dev.aqueduct.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code teams}. */
@RegisterRowMapper(TeamDao.Mapper.class)
interface TeamDao {
    @SqlUpdate("INSERT INTO teams (id, org_id, name, created_at) VALUES (:id, :orgId, :name, :createdAt)")
    void insert(@BindMethods Team team);

    @SqlQuery("SELECT id, org_id, name, created_at FROM teams WHERE org_id = :orgId AND name = :name")
    Optional<Team> findByName(String orgId, String name);

    /** Maps a row of {@code teams}. */
    final class Mapper implements RowMapper<Team> {
        @Override
        public Team map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Team(rs.getString("id"), rs.getString("org_id"), rs.getString("name"),
                    Columns.instant(rs, "created_at"));
        }
    }
}
