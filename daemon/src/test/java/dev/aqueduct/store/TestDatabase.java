package dev.aqueduct.store;

import dev.aqueduct.config.DatabaseConfig;
import java.nio.file.Path;

/**
 * Opens the database storage tests run against: a fresh SQLite file in the test's directory, or
 * a fresh database on the test JVM's embedded PostgreSQL. Opening the same directory again
 * finds the same database, on either kind.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(DatabaseKind kind, Path directory) {
        return Database.open(config(kind, directory));
    }

    public static DatabaseConfig config(DatabaseKind kind, Path directory) {
        String url = switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + directory.resolve("test.db");
            case POSTGRESQL -> TestPostgres.urlFor(directory);
        };
        return DatabaseConfig.defaults().withUrl(url);
    }

    /** A SQLite database, for tests that are not about storage. */
    public static Database open(Path directory) {
        return open(DatabaseKind.SQLITE, directory);
    }

    /** A SQLite database's configuration, for tests that are not about storage. */
    public static DatabaseConfig config(Path directory) {
        return config(DatabaseKind.SQLITE, directory);
    }
}
