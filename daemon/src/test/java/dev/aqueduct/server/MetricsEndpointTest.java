package dev.aqueduct.server;

import static dev.aqueduct.metrics.Promtool.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.metrics.Promtool;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /metrics} of a real daemon after real traffic through it, the simulator upstream. */
@ParameterizedClass
@EnumSource(RelayPath.class)
class MetricsEndpointTest {
    @Parameter
    RelayPath path;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String CHAT = "endpoint=\"/v1/chat/completions\"";

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void startSimulator() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0)
                .withApiKey(GatewayHarness.PROVIDER_KEY));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    /** The simulator for every model; {@code backup} first tries a deployment nobody listens on. */
    private void startGateway(String extraYaml) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = GatewayHarness.start(directory, path, extraYaml
                + "providers:\n"
                + "  - { name: sim, base-url: \"" + simulator.baseUrl() + "\", api-key: \"${PROVIDER_KEY}\" }\n"
                + "  - { name: dead, base-url: \"http://127.0.0.1:" + closedPort + "/v1\" }\n"
                + "models:\n"
                + "  - { name: gpt-4o-mini, aliases: [mini], deployments: [{ provider: sim, model: sim-model }] }\n"
                + "  - { name: org/embed, deployments: [{ provider: sim, model: text-embedding-3-small }] }\n"
                + "  - name: backup\n"
                + "    deployments: [{ provider: dead, model: sim-model }, { provider: sim, model: sim-model }]\n");
    }

    @Test
    void passesPromtoolsCheckAfterRealTraffic() throws Exception {
        startGateway("");
        OpenAIClient client = gateway.client();
        client.chat().completions().create(chat("mini"));
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("mini"))) {
            assertThat(stream.stream().count()).isPositive();
        }
        client.embeddings().create(EmbeddingCreateParams.builder().model("org/embed").input("hello").build());
        client.chat().completions().create(chat("backup"));
        assertThat(postChat("{\"model\":\"no-such-model\"}", gateway.key()).status()).isEqualTo(404);
        assertThat(postChat("{\"model\":\"mini\"}", "").status()).isEqualTo(401);

        String text = scrape(null).body();

        assertThat(text).contains("aqueduct_requests_total{", "aqueduct_request_duration_seconds_bucket{",
                "aqueduct_time_to_first_token_seconds_bucket{", "aqueduct_upstream_duration_seconds_bucket{",
                "aqueduct_gateway_overhead_seconds_bucket{", "aqueduct_tokens_total{",
                "aqueduct_deployment_failovers_total{", "aqueduct_limit_refusals_total{",
                "aqueduct_usage_buffer_events ", "aqueduct_jvm_memory_used_bytes{",
                "aqueduct_jvm_gc_collections_total{", "aqueduct_jvm_threads ", "aqueduct_jvm_uptime_seconds ");
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.exitCode()).as("promtool check metrics said:%n%s%non:%n%s", check.output(), text).isZero();
    }

    @Test
    void countsRequestsTokensAndLatenciesOfKnownTraffic() throws Exception {
        startGateway("");
        OpenAIClient client = gateway.client();
        long input = 0;
        long output = 0;
        for (int i = 0; i < 3; i++) {
            ChatCompletion completion = client.chat().completions().create(chat(i == 0 ? "gpt-4o-mini" : "mini"));
            CompletionUsage usage = completion.usage().orElseThrow();
            input += usage.promptTokens();
            output += usage.completionTokens();
        }

        String text = scrape(null).body();

        String model = CHAT + ",model=\"gpt-4o-mini\"";
        assertThat(value(text, "aqueduct_requests_total{" + model + ",status=\"2xx\"}")).isEqualTo(3);
        assertThat(input).isPositive();
        assertThat(value(text, "aqueduct_tokens_total{model=\"gpt-4o-mini\",kind=\"input\"}")).isEqualTo(input);
        assertThat(value(text, "aqueduct_tokens_total{model=\"gpt-4o-mini\",kind=\"output\"}")).isEqualTo(output);
        assertThat(value(text, "aqueduct_tokens_total{model=\"gpt-4o-mini\",kind=\"cached\"}")).isZero();
        assertThat(value(text, "aqueduct_request_duration_seconds_count{" + model + "}")).isEqualTo(3);
        assertThat(value(text, "aqueduct_request_duration_seconds_bucket{" + model + ",le=\"+Inf\"}")).isEqualTo(3);
        assertThat(value(text, "aqueduct_time_to_first_token_seconds_count{" + model + "}")).isEqualTo(3);
        assertThat(value(text, "aqueduct_upstream_duration_seconds_count{deployment=\"sim/sim-model\"}")).isEqualTo(3);
        assertThat(value(text, "aqueduct_gateway_overhead_seconds_count{" + CHAT + "}")).isEqualTo(3);
        assertThat(text).doesNotContain("aqueduct_errors_total{");
    }

    @Test
    void reportsTheUsagePipeline() throws Exception {
        startGateway("");
        for (int i = 0; i < 3; i++) {
            gateway.client().chat().completions().create(chat("mini"));
        }

        String text = awaitScrape("three usage events stored",
                scraped -> value(scraped, "aqueduct_usage_events_stored_total") == 3);

        assertThat(value(text, "aqueduct_usage_buffer_capacity_events")).isEqualTo(65_536);
        assertThat(value(text, "aqueduct_usage_buffer_events")).isZero();
        assertThat(value(text, "aqueduct_usage_events_lost_total")).isZero();
        assertThat(value(text, "aqueduct_usage_database_up")).isEqualTo(1);
    }

    @Test
    void labelsEveryModelOutsideTheConfigurationUnknown() throws Exception {
        startGateway("");
        assertThat(postChat("{\"model\":\"no-such-model\"}", gateway.key()).status()).isEqualTo(404);
        assertThat(postChat("{\"model\":\"evil\\\"},x{y=\\\"1\"}", gateway.key()).status()).isEqualTo(404);

        String text = scrape(null).body();

        assertThat(value(text, "aqueduct_requests_total{" + CHAT + ",model=\"unknown\",status=\"4xx\"}")).isEqualTo(2);
        assertThat(value(text, "aqueduct_errors_total{" + CHAT + ",model=\"unknown\",status=\"404\"}")).isEqualTo(2);
        assertThat(text).doesNotContain("no-such-model", "evil");
    }

    @Test
    void countsRequestsAnsweredBeforeTheRelay() throws Exception {
        startGateway("");
        assertThat(postChat("{\"model\":\"mini\"}", "").status()).isEqualTo(401);
        assertThat(send(new Request.Builder().url(gateway.baseUrl() + "/nothing/here")
                .header("Authorization", "Bearer " + gateway.key()).build()).status()).isEqualTo(404);
        assertThat(send(new Request.Builder().url(gateway.baseUrl() + "/models")
                .header("Authorization", "Bearer " + gateway.key()).build()).status()).isEqualTo(200);
        assertThat(send(new Request.Builder().url(root() + "/health").build()).status()).isEqualTo(200);

        String text = scrape(null).body();

        assertThat(value(text, "aqueduct_errors_total{" + CHAT + ",model=\"unknown\",status=\"401\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_errors_total{endpoint=\"other\",model=\"unknown\",status=\"404\"}"))
                .isEqualTo(1);
        assertThat(value(text, "aqueduct_requests_total{endpoint=\"/v1/models\",model=\"unknown\",status=\"2xx\"}"))
                .isEqualTo(1 + path.warmUpRequests());
        assertThat(text).doesNotContain("/nothing/here", "/health", "endpoint=\"/metrics\"");
    }

    @Test
    void countsEachFailoverToTheNextDeployment() throws Exception {
        startGateway("");
        gateway.client().chat().completions().create(chat("backup"));

        String text = scrape(null).body();

        assertThat(value(text, "aqueduct_deployment_failovers_total{deployment=\"dead/sim-model\"}")).isEqualTo(1);
        assertThat(value(text, "aqueduct_deployment_failovers_total{deployment=\"sim/sim-model\"}")).isZero();
        assertThat(value(text, "aqueduct_requests_total{" + CHAT + ",model=\"backup\",status=\"2xx\"}")).isEqualTo(1);
    }

    @Test
    void answersWithoutAnApiKeyWhenNoTokenIsConfigured() throws Exception {
        startGateway("");

        Reply reply = scrape(null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape("anything at all").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "none, 401",
        "Bearer wrong-token, 401",
        "Bearer s3cret-metrics-token-but-longer, 401",
        "Basic s3cret-metrics-token, 401",
        "Bearer s3cret-metrics-token, 200",
        "bearer s3cret-metrics-token, 200"
    })
    void asksForTheConfiguredToken(String authorization, int status) throws Exception {
        startGateway("metrics: { token: s3cret-metrics-token }\n");

        Reply reply = scrape(authorization);

        assertThat(reply.status()).isEqualTo(status);
        if (status == 401) {
            assertThat(Json.mapper().readTree(reply.body()).path("error").path("code").asText())
                    .isEqualTo("invalid_metrics_token");
            assertThat(reply.body()).doesNotContain("s3cret");
        } else {
            assertThat(reply.body()).contains("aqueduct_jvm_uptime_seconds ");
        }
    }

    @Test
    void anApiKeyIsNoMetricsToken() throws Exception {
        startGateway("metrics: { token: s3cret-metrics-token }\n");

        assertThat(scrape("Bearer " + gateway.key()).status()).isEqualTo(401);
    }

    @Test
    void isAnUnknownRouteWhenDisabled() throws Exception {
        startGateway("metrics: { enabled: false }\n");
        gateway.client().chat().completions().create(chat("mini"));

        Reply reply = scrape(null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("unknown_url");
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("tell me three things").build();
    }

    private Reply postChat(String body, String key) throws IOException {
        Request.Builder request = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .post(RequestBody.create(body, JSON));
        if (!key.isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    private Reply scrape(String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url(root() + "/metrics");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** The daemon's address without {@code /v1}, where health and metrics answer. */
    private String root() {
        return gateway.baseUrl().substring(0, gateway.baseUrl().length() - "/v1".length());
    }

    private String awaitScrape(String what, Predicate<String> condition) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = scrape(null).body();
        while (!condition.test(text)) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting until " + what + "; last scrape:\n" + text);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            text = scrape(null).body();
        }
        return text;
    }

    private Reply send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Reply(response.code(), response.body().string(), response.header("Content-Type"));
        }
    }

    record Reply(int status, String body, String contentType) {
    }
}
