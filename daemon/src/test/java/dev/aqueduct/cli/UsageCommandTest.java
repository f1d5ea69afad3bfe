package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.config.DatabaseConfig;
import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.Ids;
import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsageWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    @Test
    void printsOneRowPerDayAndGroup() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        storeUsageAt(today.minus(Duration.ofHours(2)), "gpt-4o", "gpt-4o");
        storeUsageAt(today, "gpt-4o", "mini");

        Cli.Result result = cli.run("usage", "--since", "2d", "--by", "model", "--per", "day");

        String yesterday = today.minus(Duration.ofDays(1)).toString().substring(0, 10);
        assertThat(result.outLines().get(0)).endsWith(" by model per day:");
        assertThat(result.outLines().get(1).split("\\s{2,}")).startsWith("DAY", "MODEL", "REQUESTS");
        assertThat(result.outLines().subList(2, result.outLines().size())).extracting(line -> line.split("\\s+")[0]
                + " " + line.split("\\s+")[1] + " " + line.split("\\s+")[2]).containsExactly(
                yesterday + " gpt-4o 2",
                today.toString().substring(0, 10) + " gpt-4o 1",
                today.toString().substring(0, 10) + " mini 1");
    }

    @Test
    void printsJsonForScripts() throws IOException {
        storeUsage("gpt-4o", 200, "gpt-4o", 500);

        Cli.Result result = cli.run("usage", "--by", "model", "--per", "hour", "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.get("group_by").asText()).isEqualTo("model");
        assertThat(report.get("per").asText()).isEqualTo("hour");
        JsonNode row = report.get("data").get(0);
        assertThat(row.get("period").asText()).isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS).toString());
        assertThat(row.get("group").asText()).isEqualTo("gpt-4o");
        assertThat(row.get("requests").asLong()).isEqualTo(2);
        assertThat(row.get("errors").asLong()).isEqualTo(1);
        assertThat(row.get("input_tokens").asLong()).isEqualTo(20);
    }

    @Test
    void printsCsvWithAHeader() {
        storeUsage("gpt-4o", 200);

        Cli.Result result = cli.run("usage", "--output", "CSV");

        assertThat(result.out().split("\r\n")).containsExactly(
                "period,group_id,group,requests,errors,input_tokens,output_tokens,cached_tokens,latency_ms",
                "," + userId("alice@example.com") + ",alice@example.com,1,0,10,5,1,100");
    }

    @Test
    void filtersByUserEmailAndOrganizationName() {
        storeUsage("gpt-4o", 200);

        assertThat(cli.run("usage", "--user", "alice@example.com", "--org", "default").outLines()).hasSize(3);
        assertThat(cli.run("usage", "--user", "admin@example.com").outLines()).singleElement().asString()
                .startsWith("No usage since ");
    }

    @Test
    void saysWhichFilterNamesNothing() {
        Cli.Result unknownOrg = cli.run("usage", "--org", "nowhere");
        Cli.Result teamWithoutOrg = cli.run("usage", "--team", "platform");

        assertThat(unknownOrg.exitCode()).isEqualTo(1);
        assertThat(unknownOrg.err()).contains("Unknown organization 'nowhere'; known organizations: default");
        assertThat(teamWithoutOrg.exitCode()).isEqualTo(1);
        assertThat(teamWithoutOrg.err()).contains("--team platform is a name; give --org too");
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        Cli.Result result = cli.run("usage", "--since", "2026-05-02", "--until", "2026-05-01");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--until (2026-05-01 00:00Z) must be after --since (2026-05-02 00:00Z)");
    }

    @Test
    void refusesAnUnknownPeriodOrFormat() {
        assertThat(cli.run("usage", "--per", "week").err()).contains("'week' is not a period; use one of hour, day");
        assertThat(cli.run("usage", "--output", "xml").err()).contains("'xml' is not an output format");
    }

    private String userId(String email) {
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + cli.databaseFile());
        try (Database database = Database.open(config)) {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = :email")
                    .bind("email", email).mapTo(String.class).one());
        }
    }

    /** Stores one successful event at {@code time} per model for alice's key. */
    private void storeUsageAt(Instant time, String... models) {
        Object[] pairs = new Object[models.length * 2];
        for (int i = 0; i < models.length; i++) {
            pairs[2 * i] = models[i];
            pairs[2 * i + 1] = 200;
        }
        store(time, pairs);
    }

    /** Stores one event per (model, status) pair for alice's key, as the relay would. */
    private void storeUsage(Object... modelsAndStatuses) {
        store(Instant.now(), modelsAndStatuses);
    }

    private void store(Instant time, Object... modelsAndStatuses) {
        DatabaseConfig config = DatabaseConfig.defaults().withUrl("jdbc:sqlite:" + cli.databaseFile());
        try (Database database = Database.open(config)) {
            KeyService keys = new KeyService(database.jdbi(), Clock.systemUTC());
            KeyRecord key = keys.list(null).getLast();
            UsageBuffer buffer = new UsageBuffer(modelsAndStatuses.length);
            for (int i = 0; i < modelsAndStatuses.length; i += 2) {
                String model = (String) modelsAndStatuses[i];
                buffer.offer(new UsageEvent(Ids.next("req"), time, key.id(), key.orgId(), null, key.userId(),
                        null, model, "sim/" + model, "/v1/chat/completions", (Integer) modelsAndStatuses[i + 1],
                        10, 5, 1, false, 100, null, 150));
            }
            new UsageWriter(database, buffer, keys, new UsageConfig(10, 1000, 100)).close();
        }
    }
}
