package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
    private static final String NO_UPSTREAM = GatewayHarness.oneProvider("http://127.0.0.1:9/v1");

    @TempDir
    Path directory;

    private final OkHttpClient http = new OkHttpClient();

    @Test
    void saysReadyWhenTheDatabaseAnswersAndIsMigrated() throws IOException {
        try (GatewayHarness gateway = GatewayHarness.start(directory, NO_UPSTREAM)) {
            Answer ready = get(gateway, "/ready");

            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().toString()).isEqualTo("{\"status\":\"ready\"}");
        }
    }

    @Test
    void saysUnreadyWithTheReasonWhileAMigrationIsPending() throws IOException {
        try (GatewayHarness gateway = GatewayHarness.start(directory, NO_UPSTREAM)) {
            gateway.database().jdbi().useHandle(h -> h.execute(
                    "DELETE FROM flyway_schema_history WHERE version = '3'"));

            Answer unready = get(gateway, "/ready");

            assertThat(unready.status()).isEqualTo(503);
            assertThat(unready.body().get("status").asText()).isEqualTo("unready");
            assertThat(unready.body().get("reason").asText()).isEqualTo("database migrations pending: V3__admin.sql");
            assertThat(get(gateway, "/health").status()).as("liveness does not look at the database").isEqualTo(200);
        }
    }

    @Test
    void reusesAnAnswerForOneSecond() {
        AtomicLong nanos = new AtomicLong();
        AtomicInteger probes = new AtomicInteger();
        ReadinessCheck check = new ReadinessCheck(() -> {
            probes.incrementAndGet();
            return probes.get() == 1 ? Optional.of("database not answering: down") : Optional.empty();
        }, nanos::get);

        assertThat(check.unreadyReason()).contains("database not answering: down");
        nanos.addAndGet(ReadinessCheck.MAX_AGE.toNanos() - 1);
        assertThat(check.unreadyReason()).contains("database not answering: down");
        assertThat(probes).hasValue(1);

        nanos.addAndGet(Duration.ofNanos(1).toNanos());
        assertThat(check.unreadyReason()).isEmpty();
        assertThat(probes).hasValue(2);
    }

    private Answer get(GatewayHarness gateway, String path) throws IOException {
        Request request = new Request.Builder().url(gateway.baseUrl().replace("/v1", path)).build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), Json.mapper().readTree(response.body().string()));
        }
    }

    private record Answer(int status, JsonNode body) {
    }
}
