package dev.aqueduct.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.aqueduct.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
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
 *
 * <p>A PostgreSQL server that cannot be reached when the database is opened is tried again with
 * growing pauses for {@code database.connect-timeout-seconds} (see {@link ConnectRetry}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int READY_QUERY_TIMEOUT_SECONDS = 2;
    private static final long READY_CONNECTION_TIMEOUT_MILLIS = 2000;
    private static final long UNREADY_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final HikariDataSource pool;
    private final Flyway flyway;
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final @Nullable Path file;
    private final AtomicLong nextUnreadyLog = new AtomicLong(System.nanoTime());

    private Database(HikariDataSource pool, Flyway flyway, boolean sqlite, @Nullable Path file) {
        this.pool = pool;
        this.flyway = flyway;
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
     *         (within {@code connect-timeout-seconds} for a server) or a migration fails; the
     *         message names the database without credentials
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
            Flyway flyway = migrate(pool, url);
            return new Database(pool, flyway, sqlite, sqlite ? sqliteFile(url) : null);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
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
     * Why the database cannot serve requests now, or empty when it can: it answers a trivial
     * query and every migration shipped in the jar has been applied. Waits at most 2 s for a
     * connection and 2 s for the query, well inside load balancers' probe timeouts, rather than
     * the pool's 10 s connection timeout that requests get. The reason is in fixed words, as
     * anyone may read it; the driver's message, which can name the database's host and user,
     * goes to the log at WARN, at most once a minute.
     */
    public Optional<String> unreadyReason() {
        if (fileMissing()) {
            // Open connections still write to the removed file, which nothing will ever read again.
            return Optional.of("database file missing");
        }
        try (Connection connection = readinessConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(READY_QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        } catch (SQLException | RuntimeException e) {
            return Optional.of(unready("database not answering", e));
        }
        try {
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length > 0) {
                return Optional.of("database migrations pending: " + Arrays.stream(pending)
                        .map(MigrationInfo::getScript).collect(Collectors.joining(", ")));
            }
        } catch (RuntimeException e) {
            return Optional.of(unready("database schema history unreadable", e));
        }
        return Optional.empty();
    }

    private String unready(String reason, Exception e) {
        long now = System.nanoTime();
        long allowed = nextUnreadyLog.get();
        if (now - allowed >= 0 && nextUnreadyLog.compareAndSet(allowed, now + UNREADY_LOG_INTERVAL_NANOS)) {
            LOG.warn("Database not ready reason=\"{}\" detail=\"{}\"", reason, rootMessage(e));
        }
        return reason;
    }

    private Connection readinessConnection() throws SQLException {
        if (pool.getHikariPoolMXBean() instanceof HikariPool hikari) {
            return hikari.getConnection(READY_CONNECTION_TIMEOUT_MILLIS);
        }
        return pool.getConnection();
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
        HikariConfig hikari = poolConfig(config);
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        // A host that drops packets must not hold one attempt longer than the retries' pauses.
        hikari.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        hikari.addDataSourceProperty("ApplicationName", "aqueduct");
        ConnectRetry retry = new ConnectRetry(safeUrl(config.url()), config.connectTimeoutSeconds());
        return retry.run(() -> startPool(hikari, config.url()));
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

    private static Flyway migrate(HikariDataSource dataSource, String url) {
        try {
            Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Database migrated url={} migrations={} version={}",
                        safeUrl(url), result.migrationsExecuted, result.targetSchemaVersion);
            }
            return flyway;
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

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
