package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import dev.aqueduct.store.Database;
import dev.aqueduct.store.StoppablePostgres;
import dev.aqueduct.usage.UsageStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real daemon on a real PostgreSQL that is stopped the way an operator stops it
 * ({@code pg_ctl stop}: every session ends, new connections are refused) and started again on
 * the same port with its data. Clients keep being served, usage waits in the spool, and once the
 * server is back what clients were served is what is stored, to the token.
 */
class PostgresqlOutageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private StoppablePostgres postgres;
    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    /** Probes {@code /ready} as a load balancer does, giving up after its usual 5 seconds. */
    private final OkHttpClient probe = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    private long servedRequests;
    private long servedInput;
    private long servedOutput;

    @BeforeEach
    void start() {
        postgres = StoppablePostgres.in(directory.resolve("pgdata"));
        postgres.start();
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0)
                .withApiKey(GatewayHarness.PROVIDER_KEY));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
        postgres.close();
    }

    @Test
    void storesWhatClientsWereServedWhenPostgresqlComesBack() {
        gateway = startGateway();
        OpenAIClient client = gateway.client();
        serve(client, 10);
        await("the first requests are stored", () -> gateway.usageStats().storedEvents() == 10);

        postgres.stop();
        serve(client, 30);
        await("the writer notices and spools", () -> !gateway.usageStats().databaseAvailable()
                && gateway.usageStats().spooledEvents() >= 30);

        postgres.start();
        await("the spool is replayed", () -> gateway.usageStats().storedEvents() == 40);
        assertStoredEqualsServed();
        UsageStats stats = gateway.usageStats();
        assertThat(stats.lostEvents()).isZero();
        assertThat(stats.failedWrites()).isPositive();
        assertThat(stats.databaseAvailable()).isTrue();
    }

    @Test
    void keepsServingAKeyItHasReadWhenItsLookupFailsDuringTheOutage() {
        gateway = startGateway("auth: { key-cache-seconds: 0 }\n");
        serve(gateway.client(), 2);

        postgres.stop();
        // Every request looks its key up; the lookup waits out the pool's timeout, then the record last read serves.
        serve(gateway.client(), 1);

        postgres.start();
        await("the requests are stored", () -> gateway.usageStats().storedEvents() == 3);
        assertStoredEqualsServed();
    }

    @Test
    void aDaemonStartedWhilePostgresqlIsDownServesOnceItIsUp() throws Exception {
        postgres.stop();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try (RetryLog retries = new RetryLog()) {
            Future<GatewayHarness> starting = starter.submit(() -> startGateway());
            assertThat(retries.first.await(30, TimeUnit.SECONDS)).as("a first attempt was refused").isTrue();

            postgres.start();
            gateway = starting.get(60, TimeUnit.SECONDS);
        } finally {
            starter.shutdownNow();
        }

        serve(gateway.client(), 5);
        await("the requests are stored", () -> gateway.usageStats().storedEvents() == 5);
        assertStoredEqualsServed();
    }

    @Test
    void saysUnreadyWithTheReasonWhilePostgresqlIsDownAndReadyWhenItIsBack() {
        gateway = startGateway();
        assertThat(ready().status()).isEqualTo(200);

        postgres.stop();
        await("the gateway says it is unready", () -> ready().status() == 503);
        Answer unready = ready();
        assertThat(unready.body().get("status").asText()).isEqualTo("unready");
        assertThat(unready.body().get("reason").asText()).isEqualTo("database not answering");

        postgres.start();
        await("the gateway is ready again", () -> ready().status() == 200);
    }

    private GatewayHarness startGateway() {
        return startGateway("");
    }

    private GatewayHarness startGateway(String authYaml) {
        return GatewayHarness.start(directory,
                "{ url: \"" + postgres.url() + "\", connect-timeout-seconds: 60 }",
                "{ flush-interval-millis: 50, spool-dir: \"" + directory.resolve("spool") + "\" }",
                authYaml + GatewayHarness.oneProvider(simulator.baseUrl().toString()));
    }

    private void serve(OpenAIClient client, int requests) {
        for (int i = 0; i < requests; i++) {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("mini")
                    .addUserMessage("count " + "these words ".repeat(i + 1))
                    .build());
            CompletionUsage usage = completion.usage().orElseThrow();
            servedRequests++;
            servedInput += usage.promptTokens();
            servedOutput += usage.completionTokens();
        }
    }

    private void assertStoredEqualsServed() {
        assertThat(sums("SELECT COUNT(*), SUM(input_tokens), SUM(output_tokens) FROM usage_events"))
                .as("usage_events").containsExactly(servedRequests, servedInput, servedOutput);
        assertThat(sums("SELECT SUM(requests), SUM(input_tokens), SUM(output_tokens) FROM usage_hourly"))
                .as("usage_hourly").containsExactly(servedRequests, servedInput, servedOutput);
    }

    /** Read through connections opened after the restart; pooled ones from before it are dead. */
    private List<Long> sums(String sql) {
        try (Database fresh = gateway.openDatabase()) {
            return fresh.jdbi().withHandle(h -> h.createQuery(sql)
                    .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
        }
    }

    private Answer ready() {
        Request request = new Request.Builder().url(gateway.baseUrl().replace("/v1", "/ready")).build();
        try (Response response = probe.newCall(request).execute()) {
            return new Answer(response.code(), Json.mapper().readTree(response.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, JsonNode body) {
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

    /** Tells when the database's first connection attempt has been refused and is to be retried. */
    private static final class RetryLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        final CountDownLatch first = new CountDownLatch(1);
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.aqueduct.store.ConnectRetry");

        RetryLog() {
            start();
            logger.addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel() == Level.WARN) {
                first.countDown();
            }
        }

        @Override
        public void close() {
            logger.detachAppender(this);
        }
    }
}
