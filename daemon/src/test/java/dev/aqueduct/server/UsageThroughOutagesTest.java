package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import dev.aqueduct.usage.UsageStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage through the real daemon while its SQLite database is unavailable: another connection
 * holds {@code BEGIN EXCLUSIVE}, so every write of the daemon fails with SQLITE_BUSY after the
 * busy timeout, while reads (key lookups) go on. What clients were served must be what is stored.
 */
class UsageThroughOutagesTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHAT = "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    private Connection lock;
    private long servedRequests;
    private long servedInput;
    private long servedOutput;

    @BeforeEach
    void startSimulator() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0)
                .withApiKey(GatewayHarness.PROVIDER_KEY));
    }

    @AfterEach
    void stop() throws SQLException {
        releaseDatabase();
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    @Test
    void storesWhatClientsWereServedWhenTheDatabaseComesBack() throws SQLException {
        gateway = GatewayHarness.start(directory, GatewayHarness.oneProvider(simulator.baseUrl().toString()));
        OpenAIClient client = gateway.client();
        serve(client, 10);
        await("the first requests are stored", () -> gateway.usageStats().storedEvents() == 10);

        long spooledBefore = gateway.usageStats().spooledEvents();
        // A write slowed by a loaded machine may already have gone through the spool.
        long replayedBefore = gateway.usageStats().replayedEvents();
        lockDatabase();
        serve(client, 30);
        await("the writer notices and spools", () -> !gateway.usageStats().databaseAvailable()
                && gateway.usageStats().spooledEvents() >= spooledBefore + 30);
        assertThat(storedRequests()).isEqualTo(10);
        assertThat(spoolFiles()).isNotEmpty();

        releaseDatabase();
        await("the spool is replayed", () -> gateway.usageStats().storedEvents() == 40);
        assertStoredEqualsServed();
        UsageStats stats = gateway.usageStats();
        assertThat(stats.replayedEvents() - replayedBefore).isEqualTo(30);
        assertThat(stats.lostEvents()).isZero();
        assertThat(stats.failedWrites()).isPositive();
        assertThat(stats.databaseAvailable()).isTrue();
        await("the replayed spool files are deleted", () -> spoolFiles().isEmpty());
    }

    @Test
    void aStopWithTheDatabaseDownSpoolsAndTheNextStartStoresIt() throws SQLException {
        gateway = GatewayHarness.start(directory, GatewayHarness.oneProvider(simulator.baseUrl().toString()));
        lockDatabase();
        serve(gateway.client(), 20);

        gateway.stopDaemon();

        // A write that hangs is also copied to the spool, so an event may be spooled twice; it is stored once.
        assertThat(gateway.usageStats().spooledEvents()).isGreaterThanOrEqualTo(20);
        assertThat(gateway.usageStats().lostEvents()).isZero();
        assertThat(storedRequests()).isZero();
        releaseDatabase();
        try (Daemon restarted = Daemon.start(new ConfigLoader(Map.of("PROVIDER_KEY", GatewayHarness.PROVIDER_KEY))
                .load(directory.resolve("aqueduct.yaml")))) {
            await("the spool is replayed at start", () -> restarted.usageStats().replayedEvents() == 20);
            assertStoredEqualsServed();
            await("the replayed spool files are deleted", () -> spoolFiles().isEmpty());
        }
    }

    @Test
    void keepsServingWhenTheSpoolIsFullAndCountsWhatItLoses() throws SQLException {
        gateway = GatewayHarness.start(directory,
                "{ flush-interval-millis: 50, buffer-size: 4, spool-max-bytes: 4096 }",
                GatewayHarness.oneProvider(simulator.baseUrl().toString()));
        lockDatabase();

        serve(gateway.client(), 60);

        await("the spool fills", () -> gateway.usageStats().failedSpoolWrites() > 0
                && gateway.usageStats().lostEvents() > 0);
        assertThat(gateway.usageStats().spoolBytes()).isLessThanOrEqualTo(4096);
        releaseDatabase();
        await("everything kept is stored", () -> {
            UsageStats stats = gateway.usageStats();
            return stats.storedEvents() + stats.lostEvents() == 60 && stats.bufferDepth() == 0;
        });
        assertThat(storedRequests()).isEqualTo(gateway.usageStats().storedEvents());
        assertThat(storedRequests()).isLessThan(60);
    }

    @Test
    void strictDurabilityHasEachEventOnDiskWhenItsResponseCompletes() throws IOException, SQLException {
        gateway = GatewayHarness.start(directory, "{ flush-interval-millis: 50, durability: strict }",
                GatewayHarness.oneProvider(simulator.baseUrl().toString()));
        lockDatabase();
        OkHttpClient http = new OkHttpClient();

        for (int i = 0; i < 10; i++) {
            Request request = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                    .header("Authorization", "Bearer " + gateway.key())
                    .post(RequestBody.create(CHAT, MediaType.get("application/json")))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
                response.body().string();
                assertThat(spooledText()).contains("\"id\":\"" + response.header("x-request-id") + "\"");
            }
        }

        releaseDatabase();
        await("the spool is stored", () -> gateway.usageStats().storedEvents() == 10);
    }

    private void serve(OpenAIClient client, int requests) {
        for (int i = 0; i < requests; i++) {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(i % 2 == 0 ? "mini" : "gpt-4o-mini")
                    .addUserMessage("count " + "these words ".repeat(i + 1))
                    .build());
            CompletionUsage usage = completion.usage().orElseThrow();
            servedRequests++;
            servedInput += usage.promptTokens();
            servedOutput += usage.completionTokens();
        }
    }

    private void assertStoredEqualsServed() {
        List<Long> sums = gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0)"
                        + " FROM usage_hourly")
                .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
        assertThat(sums).containsExactly(servedRequests, servedInput, servedOutput);
        assertThat(gateway.usageEvents()).hasSize((int) servedRequests);
    }

    private long storedRequests() {
        return gateway.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_events")
                .mapTo(Long.class).one());
    }

    /** Takes SQLite's write lock from another connection and keeps it: the daemon's writes fail. */
    private void lockDatabase() throws SQLException {
        lock = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("gateway.db"));
        try (Statement statement = lock.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
    }

    private void releaseDatabase() throws SQLException {
        if (lock != null) {
            try (Statement statement = lock.createStatement()) {
                statement.execute("ROLLBACK");
            }
            lock.close();
            lock = null;
        }
    }

    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("usage-spool-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String spooledText() {
        StringBuilder text = new StringBuilder();
        for (Path file : spoolFiles()) {
            try {
                text.append(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
