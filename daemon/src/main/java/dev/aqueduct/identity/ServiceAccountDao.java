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

/** Rows of {@code service_accounts}. */
@RegisterRowMapper(ServiceAccountDao.Mapper.class)
interface ServiceAccountDao {
    @SqlUpdate("INSERT INTO service_accounts (id, team_id, name, created_at) VALUES (:id, :teamId, :name, :createdAt)")
    void insert(@BindMethods ServiceAccount account);

    @SqlQuery("SELECT id, team_id, name, created_at FROM service_accounts WHERE team_id = :teamId AND name = :name")
    Optional<ServiceAccount> findByName(String teamId, String name);

    /** Maps a row of {@code service_accounts}. */
    final class Mapper implements RowMapper<ServiceAccount> {
        @Override
        public ServiceAccount map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ServiceAccount(rs.getString("id"), rs.getString("team_id"), rs.getString("name"),
                    Columns.instant(rs, "created_at"));
        }
    }
}
