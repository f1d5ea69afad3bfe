package dev.aqueduct.keys;

import dev.aqueduct.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

/** Rows of {@code api_keys}, read together with whether the owning user is disabled. */
@RegisterRowMapper(ApiKeyDao.RecordMapper.class)
@RegisterRowMapper(ApiKeyDao.ListingMapper.class)
interface ApiKeyDao {
    String COLUMNS = "k.id, k.prefix, k.name, k.scope, k.org_id, k.team_id, k.user_id, k.service_account_id,"
            + " k.created_at, k.expires_at, k.revoked_at, k.last_used_at,"
            + " COALESCE(u.disabled, FALSE) AS owner_disabled";
    String FROM = " FROM api_keys k LEFT JOIN users u ON u.id = k.user_id";
    /**
     * The relay's lookup: one row by the unique index on {@code key_hash}. {@link KeyService} runs
     * it as a plain query, as a SQL-object call costs more than the lookup itself.
     */
    String FIND_BY_HASH = "SELECT " + COLUMNS + FROM + " WHERE k.key_hash = :hash";
    String LISTING = "SELECT " + COLUMNS + ", u.email AS owner_email, sa.name AS owner_account" + FROM
            + " LEFT JOIN service_accounts sa ON sa.id = k.service_account_id";

    @SqlUpdate("INSERT INTO api_keys (id, key_hash, prefix, name, scope, org_id, team_id, user_id,"
            + " service_account_id, created_at, expires_at)"
            + " VALUES (:id, :hash, :prefix, :name, :scope, :orgId, :teamId, :userId,"
            + " :serviceAccountId, :createdAt, :expiresAt)")
    void insert(String id, String hash, String prefix, String name, String scope, @BindMethods KeyOwner owner,
            Instant createdAt, @Nullable Instant expiresAt);

    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE k.id = :id")
    Optional<KeyRecord> findById(String id);

    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE k.id = :value OR k.prefix = :value ORDER BY k.id")
    List<KeyRecord> findByIdOrPrefix(String value);

    @SqlQuery(LISTING + " ORDER BY k.created_at, k.id")
    List<KeyListing> findAll();

    @SqlQuery(LISTING + " WHERE k.user_id = :userId ORDER BY k.created_at, k.id")
    List<KeyListing> findByUser(String userId);

    @SqlUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(String id, Instant now);

    /** Moves each key's last use forward, never back, so batches stored out of order do no harm. */
    @SqlBatch("UPDATE api_keys SET last_used_at = :time"
            + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :time)")
    void touchLastUsed(@Bind("id") List<String> ids, @Bind("time") List<Instant> times);

    /** Maps the key columns of a row. */
    final class RecordMapper implements RowMapper<KeyRecord> {
        @Override
        public KeyRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new KeyRecord(
                    rs.getString("id"),
                    rs.getString("prefix"),
                    rs.getString("name"),
                    KeyScope.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT)),
                    rs.getString("org_id"),
                    rs.getString("team_id"),
                    rs.getString("user_id"),
                    rs.getString("service_account_id"),
                    Columns.instant(rs, "created_at"),
                    Columns.nullableInstant(rs, "expires_at"),
                    Columns.nullableInstant(rs, "revoked_at"),
                    Columns.nullableInstant(rs, "last_used_at"),
                    rs.getBoolean("owner_disabled"));
        }
    }

    /** Maps a listing row: the key and its owner's email or service account name. */
    final class ListingMapper implements RowMapper<KeyListing> {
        private final RecordMapper keys = new RecordMapper();

        @Override
        public KeyListing map(ResultSet rs, StatementContext ctx) throws SQLException {
            String email = rs.getString("owner_email");
            String owner = email != null ? email : "service account " + rs.getString("owner_account");
            return new KeyListing(keys.map(rs, ctx), owner);
        }
    }
}
