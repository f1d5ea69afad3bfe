package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What clients see, and what is stored, when the provider misbehaves or the client leaves. */
@ParameterizedClass
@EnumSource(RelayPath.class)
class RelayUpstreamFaultsTest {
    @Parameter
    RelayPath path;

    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    private final OkHttpClient http = new OkHttpClient();

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void startWithSimulator() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0));
        gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(simulator.baseUrl().toString()));
    }

    private static ChatCompletionCreateParams chatWith(Map<String, Object> directives) {
        return ChatCompletionCreateParams.builder().model("mini").addUserMessage("hello")
                .putAdditionalBodyProperty("simulator", JsonValue.from(directives)).build();
    }

    private Response postChat(String body) throws IOException {
        return http.newCall(new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).post(RequestBody.create(body, JSON)).build())
                .execute();
    }

    /** The client's stream fails, and the request is stored as the provider's failure, 502. */
    private void assertStreamCutAndRecordedAs502(ChatCompletionCreateParams params) {
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = gateway.client().chat().completions()
                    .createStreaming(params)) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOf(RuntimeException.class);
        gateway.stopDaemon();
        assertThat(gateway.usageEvents().getFirst()).containsEntry("status", 502);
    }

    @Test
    void answers502WhenTheProviderIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = GatewayHarness.start(directory, path,
                GatewayHarness.oneProvider("http://127.0.0.1:" + closedPort + "/v1"));

        try (Response response = postChat("{\"model\":\"mini\"}")) {
            assertThat(response.code()).isEqualTo(502);
            assertThat(response.body().string()).contains("upstream_unreachable");
        }
    }

    @Test
    void answers504WhenTheProviderIsTooSlow() throws IOException {
        startWithSimulator();
        try (Response response = postChat("{\"model\":\"mini\",\"simulator\":{\"fault\":\"delay_headers_ms:4000\"}}")) {
            assertThat(response.code()).isEqualTo(504);
            assertThat(response.body().string()).contains("upstream_timeout");
        }
    }

    @Test
    void answers502WhenTheProviderAnswersWithAnInformationalStatus() throws IOException {
        startWithSimulator();
        try (Response response = postChat("{\"model\":\"mini\",\"simulator\":{\"fault\":\"status:101\"}}")) {
            assertThat(response.code()).isEqualTo(502);
            assertThat(response.body().string()).contains("upstream_unreachable");
        }
    }

    @Test
    void passesProviderErrorsThroughWithRetryAfter() throws IOException {
        startWithSimulator();
        try (Response response = postChat("{\"model\":\"mini\",\"simulator\":{\"fault\":\"status:503\"}}")) {
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("7");
            assertThat(response.body().string()).contains("\"error\"");
        }
    }

    @Test
    void neverLetsTheProvidersKeyBackOutAndFailsOverToTheNextDeployment() throws IOException {
        try (MockWebServer failing = new MockWebServer(); MockWebServer leaking = new MockWebServer()) {
            failing.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{}}").build());
            leaking.enqueue(new MockResponse.Builder().code(401).addHeader("Set-Cookie", "session=upstream")
                    .addHeader("openai-organization", "our-account")
                    .body("{\"error\":{\"message\":\"bad key " + GatewayHarness.PROVIDER_KEY + "\"}}").build());
            failing.start();
            leaking.start();
            gateway = GatewayHarness.start(directory, path, "providers:\n"
                    + "  - { name: a, base-url: \"" + failing.url("/v1") + "\", api-key: \"${PROVIDER_KEY}\" }\n"
                    + "  - { name: b, base-url: \"" + leaking.url("/v1") + "\", api-key: \"${PROVIDER_KEY}\" }\n"
                    + "models:\n  - { name: m, deployments: [{ provider: a }, { provider: b }] }\n");

            try (Response response = postChat("{\"model\":\"m\"}")) {
                assertThat(response.code()).isEqualTo(401);
                assertThat(response.body().string()).doesNotContain(GatewayHarness.PROVIDER_KEY).contains("[redacted]");
                assertThat(response.header("Set-Cookie")).isNull();
                assertThat(response.header("openai-organization")).isNull();
            }
            assertThat(failing.getRequestCount()).isEqualTo(1);
            assertThat(leaking.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void passesProviderErrorBodiesOfUnknownLengthThrough() throws IOException {
        try (MockWebServer provider = new MockWebServer()) {
            provider.enqueue(new MockResponse.Builder().code(400)
                    .chunkedBody("{\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\"}}", 7)
                    .build());
            provider.start();
            gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(provider.url("/v1").toString()));

            try (Response response = postChat("{\"model\":\"mini\"}")) {
                assertThat(response.code()).isEqualTo(400);
                assertThat(response.body().string()).contains("context too long");
            }
        }
    }

    @Test
    void sendsTheStreamErrorAsAnEventOfItsOwnAfterAHalfEvent() throws IOException {
        try (MockWebServer provider = new MockWebServer()) {
            provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                    .body("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choi").build());
            provider.start();
            gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(provider.url("/v1").toString()));

            StringBuilder received = new StringBuilder();
            try (Response response = postChat("{\"model\":\"mini\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}")) {
                BufferedSource source = response.body().source();
                assertThatThrownBy(() -> {
                    while (!source.exhausted()) {
                        received.append(source.readUtf8Line()).append('\n');
                    }
                }).as("received: %s", received).isInstanceOf(IOException.class);
            }
            assertThat(received.toString()).contains("data: {\"choi\n\ndata: {\"error\"")
                    .contains("upstream_stream_incomplete");
        }
    }

    @Test
    void endsAStreamThatDiesEarlyAsAnErrorAndRecordsIt() {
        startWithSimulator();
        ChatCompletionCreateParams params = chatWith(Map.of("fault", "drop_mid_stream", "chunks", 20));

        assertStreamCutAndRecordedAs502(params);
    }

    @Test
    void cutsAStreamWhoseProviderFallsSilentForLongerThanItsTimeout() {
        startWithSimulator();
        // The provider's timeout is 2 s: the gap after the first event is longer.
        ChatCompletionCreateParams params = chatWith(Map.of("chunks", 3, "chunk_delay_ms", 5000));

        assertStreamCutAndRecordedAs502(params);
    }

    @Test
    void letsAStreamRunLongerThanTheTimeoutWhileEventsKeepComing() {
        startWithSimulator();
        // Each gap stays well under the provider's 2 s timeout; the whole stream takes longer.
        ChatCompletionCreateParams params = chatWith(Map.of("chunks", 5, "chunk_delay_ms", 700));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = gateway.client().chat().completions()
                .createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice ->
                    choice.delta().content().ifPresent(text::append)));
        }
        gateway.stopDaemon();
        assertThat(text).isNotEmpty();
        assertThat(gateway.usageEvents().getFirst()).containsEntry("status", 200);
    }

    @Test
    void keepsMultiByteCharactersSplitAcrossWritesIntact() {
        startWithSimulator();
        String direct;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.client().chat().completions()
                .createStreaming(chatWith(Map.of("fault", "split_utf8")))) {
            direct = stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse("")).collect(Collectors.joining());
        }
        assertThat(direct).contains("é").contains("漢").contains("🙂").doesNotContain("\uFFFD");
    }

    @Test
    void deliversCompressedBodiesDecodedAndConsistent() throws IOException {
        startWithSimulator();
        // Asking for gzip explicitly turns off OkHttp's transparent decoding: the bytes are seen raw.
        Request request = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).header("Accept-Encoding", "gzip")
                .post(RequestBody.create("{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"simulator\":{\"fault\":\"gzip\"}}", JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).isNull();
            assertThat(response.header("Content-Length")).as("sent chunked, not with gzip's length").isNull();
            byte[] body = response.body().bytes();
            assertThat(Json.mapper().readTree(body).get("object").asText()).isEqualTo("chat.completion");
        }
        ChatCompletion completion = gateway.client().chat().completions().create(chatWith(Map.of("fault", "gzip")));
        assertThat(completion.usage()).isPresent();
        gateway.stopDaemon();
        assertThat(gateway.usageEvents()).allSatisfy(event ->
                assertThat(((Number) event.get("input_tokens")).longValue()).isPositive());
    }

    @Test
    void recordsUsageSoFarWhenTheClientLeavesMidStream() throws IOException {
        startWithSimulator();
        String body = "{\"model\":\"mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}],"
                + "\"simulator\":{\"chunks\":400,\"chunk_delay_ms\":20}}";
        try (Response response = postChat(body)) {
            BufferedSource source = response.body().source();
            for (int i = 0; i < 5; i++) {
                assertThat(source.readUtf8Line()).isNotNull();
            }
        }
        gateway.stopDaemon();
        Map<String, Object> event = gateway.usageEvents().getFirst();
        assertThat(event).containsEntry("status", 499);
        assertThat(((Number) event.get("latency_ms")).longValue()).as("upstream call cancelled early")
                .isLessThan(400 * 20);
        assertThat(((Number) event.get("input_tokens")).longValue()).isPositive();
        assertThat(event.get("estimated")).isIn(true, 1);
    }

    @Test
    void answersRequestsArrivingDuringAStopWith503InTheOpenAiShape() throws Exception {
        startWithSimulator();
        String slow = "{\"model\":\"mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"simulator\":{\"chunks\":100,\"chunk_delay_ms\":30}}";
        try (Response open = postChat(slow)) {
            assertThat(open.body().source().readUtf8Line()).startsWith("data:");
            Thread stopper = Thread.ofPlatform().start(gateway::stopDaemon);
            Request health = new Request.Builder().url(gateway.baseUrl().replace("/v1", "/health")).build();
            Response refused = awaitStatus(health, 503);

            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("x-request-id")).startsWith("req_");
            assertThat(Json.mapper().readTree(refused.body().string()).at("/error/code").asText())
                    .isEqualTo("gateway_stopping");
            refused.close();
            assertThat(open.body().string()).as("the open stream still finishes").contains("[DONE]");
            stopper.join();
        }
    }

    private Response awaitStatus(Request request, int status) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Response response = http.newCall(request).execute();
            if (response.code() == status || System.nanoTime() - deadline > 0) {
                return response;
            }
            response.close();
            LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void storesEveryEventOnGracefulStop() {
        startWithSimulator();
        List<Integer> sent = java.util.stream.IntStream.range(0, 25).boxed().toList();
        sent.forEach(i -> gateway.client().chat().completions().create(chatWith(Map.of())));
        gateway.stopDaemon();
        assertThat(gateway.usageEvents()).hasSize(sent.size());
    }
}
