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

/** Rows of {@code users}; emails are passed in already lower-cased. */
@RegisterRowMapper(UserDao.Mapper.class)
interface UserDao {
    String COLUMNS = "id, email, name, is_admin, disabled, created_at";

    @SqlUpdate("INSERT INTO users (" + COLUMNS + ") VALUES (:id, :email, :name, :admin, :disabled, :createdAt)")
    void insert(@BindMethods User user);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
    Optional<User> findByEmail(String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM users ORDER BY email")
    List<User> findAll();

    @SqlQuery("SELECT COUNT(*) FROM users WHERE is_admin = TRUE")
    long countAdmins();

    @SqlUpdate("UPDATE users SET is_admin = :admin WHERE id = :id")
    int updateAdmin(String id, boolean admin);

    @SqlUpdate("UPDATE users SET disabled = :disabled WHERE id = :id")
    int updateDisabled(String id, boolean disabled);

    /** Maps a row of {@code users}. */
    final class Mapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(
                    rs.getString("id"),
                    rs.getString("email"),
                    rs.getString("name"),
                    rs.getBoolean("is_admin"),
                    rs.getBoolean("disabled"),
                    Columns.instant(rs, "created_at"));
        }
    }
}
