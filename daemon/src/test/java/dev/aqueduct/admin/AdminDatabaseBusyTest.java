package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change asked for while the database is locked gets 503 with Retry-After, and then works. */
class AdminDatabaseBusyTest {
    @TempDir
    Path directory;

    private AdminHarness gateway;

    @BeforeEach
    void start() {
        gateway = AdminHarness.start(directory);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsLockedAndStoresTheChangeAfterwards() throws SQLException {
        String body = "{\"name\":\"acme\"}";
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + gateway.database().file())) {
            try (Statement statement = lock.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
            }

            AdminHarness.Reply refused = gateway.call("POST", "/orgs", gateway.adminKey(), body);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.error().path("code").asText()).isEqualTo("database_unavailable");
            assertThat(refused.headers().get("Retry-After")).isEqualTo("5");
            try (Statement statement = lock.createStatement()) {
                statement.execute("ROLLBACK");
            }
        }

        assertThat(gateway.call("POST", "/orgs", gateway.adminKey(), body).status()).isEqualTo(201);
    }
}
