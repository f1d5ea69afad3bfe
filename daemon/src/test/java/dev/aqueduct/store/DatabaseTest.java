package dev.aqueduct.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class DatabaseTest {
    private static final List<String> TABLES = List.of("organizations", "teams", "users", "org_members",
            "team_members", "service_accounts", "api_keys", "usage_events", "usage_hourly");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path directory;

    @Test
    void appliesEveryMigrationToANewDatabase() {
        try (Database database = TestDatabase.open(kind, directory)) {
            for (String table : TABLES) {
                long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class).one());
                assertThat(rows).as(table).isZero();
            }
            List<String> versions = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = TRUE ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(versions).containsExactly("1", "2", "3");
        }
    }

    @Test
    void reopensAMigratedDatabaseAndKeepsItsRows() {
        try (Database database = TestDatabase.open(kind, directory)) {
            database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'acme', 1)"));
        }
        try (Database database = TestDatabase.open(kind, directory)) {
            List<String> names = database.jdbi().withHandle(h -> h.createQuery("SELECT name FROM organizations")
                    .mapTo(String.class).list());
            assertThat(names).containsExactly("acme");
        }
    }

    @Test
    void enforcesForeignKeys() {
        try (Database database = TestDatabase.open(kind, directory)) {
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO teams (id, org_id, name, created_at) VALUES ('team_1', 'org_missing', 'x', 1)")))
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("foreign key"));
        }
    }

    @Test
    void nestedCallsOnTheSameThreadJoinTheOuterTransaction() {
        try (Database database = TestDatabase.open(kind, directory)) {
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
        try (Database database = TestDatabase.open(kind, directory)) {
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
}
