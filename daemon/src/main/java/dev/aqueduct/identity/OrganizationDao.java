package dev.aqueduct.identity;

import dev.aqueduct.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code organizations}. */
@RegisterRowMapper(OrganizationDao.Mapper.class)
interface OrganizationDao {
    @SqlUpdate("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :createdAt)")
    void insert(@BindMethods Organization organization);

    @SqlQuery("SELECT id, name, created_at FROM organizations WHERE name = :name")
    Optional<Organization> findByName(String name);

    @SqlQuery("SELECT id, name, created_at FROM organizations ORDER BY name")
    List<Organization> findAll();

    /** Maps a row of {@code organizations}. */
    final class Mapper implements RowMapper<Organization> {
        @Override
        public Organization map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Organization(rs.getString("id"), rs.getString("name"), Columns.instant(rs, "created_at"));
        }
    }
}
