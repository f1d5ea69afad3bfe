package dev.aqueduct.store;

import dev.aqueduct.config.DatabaseConfig;
import java.nio.file.Path;

/**
 * Opens the database storage tests run against: a fresh SQLite file in the test's directory.
 * Every test goes through here, so running the same tests against PostgreSQL means changing
 * this one place.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(Path directory) {
        return Database.open(config(directory));
    }

    public static DatabaseConfig config(Path directory) {
        return DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + directory.resolve("test.db"));
    }
}
