package dev.aqueduct.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aqueduct.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final List<String> TABLES = List.of("organizations", "teams", "users", "org_members",
            "team_members", "service_accounts", "api_keys", "usage_events", "usage_hourly");

    @TempDir
    Path directory;

    @Test
    void noticesWhenItsFileIsRemovedWhileOpen() throws IOException {
        try (Database database = Database.open(DatabaseConfig.defaults()
                .withUrl("jdbc:sqlite:" + directory.resolve("gone.db")))) {
            assertThat(database.fileMissing()).isFalse();
            Files.delete(directory.resolve("gone.db"));
            assertThat(database.fileMissing()).isTrue();
        }
    }

    @Test
    void appliesEveryMigrationToANewDatabase() {
        try (Database database = TestDatabase.open(directory)) {
            for (String table : TABLES) {
                long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class).one());
                assertThat(rows).as(table).isZero();
            }
            List<String> versions = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = TRUE ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(versions).containsExactly("1", "2", "5");
        }
    }

    @Test
    void reopensAMigratedDatabaseAndKeepsItsRows() {
        try (Database database = TestDatabase.open(directory)) {
            database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'acme', 1)"));
        }
        try (Database database = TestDatabase.open(directory)) {
            List<String> names = database.jdbi().withHandle(h -> h.createQuery("SELECT name FROM organizations")
                    .mapTo(String.class).list());
            assertThat(names).containsExactly("acme");
        }
    }

    @Test
    void createsTheSqliteFilesDirectory() {
        Path file = directory.resolve("nested/deeper/aqueduct.db");
        try (Database database = Database.open(DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + file))) {
            assertThat(database.isSqlite()).isTrue();
        }
        assertThat(file).exists();
    }

    @Test
    void setsThePragmasOnEveryPooledConnection() {
        try (Database database = TestDatabase.open(directory)) {
            assumeTrue(database.isSqlite());
            List<Handle> handles = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    handles.add(database.jdbi().open());
                }
                for (Handle handle : handles) {
                    assertThat(pragma(handle, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(handle, "synchronous")).isEqualTo("1");
                    assertThat(pragma(handle, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(handle, "busy_timeout")).isEqualTo("5000");
                }
            } finally {
                handles.forEach(Handle::close);
            }
        }
    }

    @Test
    void enforcesForeignKeys() {
        try (Database database = TestDatabase.open(directory)) {
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO teams (id, org_id, name, created_at) VALUES ('team_1', 'org_missing', 'x', 1)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("foreign key"));
        }
    }

    @Test
    void nestedCallsOnTheSameThreadJoinTheOuterTransaction() {
        try (Database database = TestDatabase.open(directory)) {
            assertThatThrownBy(() -> database.jdbi().useTransaction(outer -> {
                database.jdbi().useTransaction(inner -> inner.execute(
                        "INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'acme', 1)"));
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");

            long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM organizations")
                    .mapTo(Long.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void storesInstantsAsEpochMilliseconds() {
        Instant time = Instant.parse("2026-05-01T12:34:56.789Z");
        try (Database database = TestDatabase.open(directory)) {
            database.jdbi().useHandle(h -> h.createUpdate(
                    "INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'acme', :time)")
                    .bind("time", time).execute());
            long stored = database.jdbi().withHandle(h -> h.createQuery("SELECT created_at FROM organizations")
                    .mapTo(Long.class).one());
            Instant read = database.jdbi().withHandle(h -> h.createQuery("SELECT created_at FROM organizations")
                    .mapTo(Instant.class).one());
            assertThat(stored).isEqualTo(time.toEpochMilli());
            assertThat(read).isEqualTo(time);
        }
    }

    @Test
    void refusesAnInMemorySqliteDatabase() {
        assertThatThrownBy(() -> Database.open(DatabaseConfig.defaults().withUrl("jdbc:sqlite::memory:")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("names no file");
    }

    @Test
    void saysWhenTheDirectoryCannotBeCreated() throws IOException {
        Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + blocker.resolve("a.db"));

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot create the database directory " + blocker);
    }

    @Test
    void saysWhenTheFileIsNotADatabase() throws IOException {
        Path file = Files.writeString(directory.resolve("junk.db"), "this is not a database, ".repeat(100));
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + file);

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void saysWhenPostgresqlCannotBeReached() {
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:postgresql://127.0.0.1:1/aqueduct?password=x");

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot connect to the database jdbc:postgresql://127.0.0.1:1/aqueduct:")
                .hasMessageNotContaining("password");
    }

    @Test
    void idsCarryTheirTypeAndDiffer() {
        String first = Ids.next("usr");
        assertThat(first).matches("usr_[A-Za-z0-9_-]{22}");
        assertThat(Ids.next("usr")).isNotEqualTo(first);
    }

    private static String pragma(Handle handle, String name) {
        return handle.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}
