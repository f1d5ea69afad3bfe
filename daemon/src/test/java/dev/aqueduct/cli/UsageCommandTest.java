package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.DatabaseConfig;
import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.Ids;
import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsageWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {
    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void bootstrap() {
        cli = new Cli(directory);
        cli.run("bootstrap", "--email", "admin@example.com");
        cli.run("users", "add", "--email", "alice@example.com");
        cli.run("keys", "create", "--user", "alice@example.com", "--name", "laptop");
    }

    @Test
    void saysWhenThereIsNoUsage() {
        Cli.Result result = cli.run("usage");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).singleElement().asString()
                .matches("No usage since \\d{4}-\\d{2}-\\d{2} \\d{2}:00Z\\.");
    }

    @Test
    void printsTotalsPerUser() {
        storeUsage("gpt-4o", 200, "gpt-4o", 200, "mini", 500);

        Cli.Result result = cli.run("usage", "--since", "2d");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).hasSize(3);
        assertThat(result.outLines().get(0)).startsWith("Usage since ").endsWith(" by user:");
        assertThat(result.outLines().get(1).split("\\s{2,}")).containsExactly("USER", "REQUESTS", "ERRORS",
                "INPUT TOKENS", "OUTPUT TOKENS", "CACHED TOKENS");
        assertThat(result.outLines().get(2).split("\\s+"))
                .containsExactly("alice@example.com", "3", "1", "30", "15", "3");
    }

    @Test
    void printsTotalsPerModelBusiestFirst() {
        storeUsage("mini", 200, "gpt-4o", 200, "gpt-4o", 200);

        Cli.Result result = cli.run("usage", "--by", "model");

        assertThat(result.outLines()).hasSize(4);
        assertThat(result.outLines().get(2)).startsWith("gpt-4o ");
        assertThat(result.outLines().get(3)).startsWith("mini ");
    }

    @Test
    void refusesAnUnknownGrouping() {
        Cli.Result result = cli.run("usage", "--by", "colour");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'colour' is not a grouping; use one of user, model, key, org, team");
    }

    @Test
    void refusesASinceItCannotRead() {
        Cli.Result result = cli.run("usage", "--since", "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'yesterday' is not a span like 90m");
    }

    /** Stores one event per (model, status) pair for alice's key, as the relay would. */
    private void storeUsage(Object... modelsAndStatuses) {
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + cli.databaseFile());
        try (Database database = Database.open(config)) {
            KeyService keys = new KeyService(database.jdbi(), Clock.systemUTC());
            KeyRecord key = keys.list(null).getLast();
            UsageBuffer buffer = new UsageBuffer(modelsAndStatuses.length);
            for (int i = 0; i < modelsAndStatuses.length; i += 2) {
                String model = (String) modelsAndStatuses[i];
                buffer.offer(new UsageEvent(Ids.next("req"), Instant.now(), key.id(), key.orgId(), null, key.userId(),
                        null, model, "sim/" + model, "/v1/chat/completions", (Integer) modelsAndStatuses[i + 1],
                        10, 5, 1, false, 100, null, 150));
            }
            new UsageWriter(database, buffer, keys, new UsageConfig(10, 1000, 100)).close();
        }
    }
}
