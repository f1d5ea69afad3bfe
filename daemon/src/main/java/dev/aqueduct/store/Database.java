package dev.aqueduct.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aqueduct.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The gateway's database: a connection pool on SQLite or PostgreSQL, migrated to the current
 * schema when opened, with a {@link Jdbi} configured for our portable column types.
 *
 * <p>SQLite connections run in WAL mode with {@code synchronous=NORMAL}, foreign keys enforced
 * and a 5 second busy timeout, set on every pooled connection. Explicit transactions begin
 * {@code IMMEDIATE}: every transaction of ours writes, and taking the write lock up front lets
 * SQLite wait out a concurrent writer instead of failing with a lock upgrade conflict.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final @Nullable Path file;

    private Database(HikariDataSource pool, boolean sqlite, @Nullable Path file) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.file = file;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new EpochMillisArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    /**
     * Opens the pool and migrates the schema. A SQLite file's directory is created when missing.
     *
     * @throws StoreException when the directory cannot be created, the database cannot be reached
     *         or a migration fails; the message names the database without credentials
     */
    public static Database open(DatabaseConfig config) {
        String url = config.url();
        boolean sqlite = url.startsWith(SQLITE_PREFIX);
        if (!sqlite && !url.startsWith(POSTGRESQL_PREFIX)) {
            throw new StoreException("Unsupported database url '" + safeUrl(url)
                    + "'; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DATABASE");
        }
        HikariDataSource pool = sqlite ? sqlitePool(config) : serverPool(config);
        try {
            migrate(pool, url);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, sqlite, sqlite ? sqliteFile(url) : null);
    }

    /** The configured Jdbi; handles borrow pooled connections. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** The SQLite file, or null for a database server. */
    public @Nullable Path file() {
        return file;
    }

    /**
     * Whether the SQLite file has been removed while open. Writes then still succeed, into a file
     * no longer on disk, and are lost when the daemon stops; this lets the daemon say so.
     */
    public boolean fileMissing() {
        return file != null && !Files.exists(file);
    }

    /** Closes every pooled connection; handles still open fail afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    private static HikariDataSource sqlitePool(DatabaseConfig config) {
        createParentDirectory(sqliteFile(config.url()));
        SQLiteConfig sqliteConfig = new SQLiteConfig();
        sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqliteConfig.enforceForeignKeys(true);
        sqliteConfig.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqliteConfig.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqliteConfig);
        dataSource.setUrl(config.url());

        HikariConfig hikari = poolConfig(config);
        hikari.setDataSource(dataSource);
        return startPool(hikari, config.url());
    }

    private static HikariDataSource serverPool(DatabaseConfig config) {
        requireDriver("org.postgresql.Driver", config.url());
        HikariConfig hikari = poolConfig(config);
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        return startPool(hikari, config.url());
    }

    private static void requireDriver(String driverClass, String url) {
        try {
            Class.forName(driverClass, false, Database.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StoreException("Cannot connect to the database " + safeUrl(url) + ": this build has no "
                    + "PostgreSQL driver (" + driverClass + "); use jdbc:sqlite:FILE", e);
        }
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("aqueduct-db");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return hikari;
    }

    private static HikariDataSource startPool(HikariConfig hikari, String url) {
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot connect to the database " + safeUrl(url) + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(DataSource dataSource, String url) {
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Database migrated url={} migrations={} version={}",
                        safeUrl(url), result.migrationsExecuted, result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            throw new StoreException("Cannot migrate the database " + safeUrl(url) + ": " + rootMessage(e), e);
        }
    }

    /** The file a {@code jdbc:sqlite:} URL names; in-memory databases are refused, as a pool cannot share one. */
    static Path sqliteFile(String url) {
        String rest = url.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isBlank() || name.equals(":memory:") || url.contains("mode=memory")) {
            throw new StoreException("database.url '" + url + "' names no file; use jdbc:sqlite:PATH such as "
                    + DatabaseConfig.DEFAULT_URL);
        }
        return Path.of(name).toAbsolutePath();
    }

    private static void createParentDirectory(Path file) {
        Path directory = file.getParent();
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot create the database directory " + directory + ": " + reason(e)
                    + "; create it or point database.url elsewhere", e);
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case FileAlreadyExistsException exists -> exists.getFile() + " is a file, not a directory";
            case AccessDeniedException denied -> "permission denied on " + denied.getFile();
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> rootMessage(e);
        };
    }

    /** The URL without its query, where PostgreSQL URLs may carry a password. */
    static String safeUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
