package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.moderations.ModerationCreateParams;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.IntStream;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {
    @Test
    void bindsEphemeralPortOnLoopback() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(SimulatorOptions.defaults())) {
            assertThat(simulator.port()).isPositive();
            assertThat(simulator.baseUrl()).hasToString("http://127.0.0.1:" + simulator.port() + "/v1");
        }
    }

    @Test
    void refusesPortInUseWithClearMessage() {
        try (UpstreamSimulator first = UpstreamSimulator.start(SimulatorOptions.defaults())) {
            assertThatThrownBy(() -> UpstreamSimulator.start(SimulatorOptions.defaults().withPort(first.port())))
                    .isInstanceOf(SimulatorException.class)
                    .hasMessageContaining("port=" + first.port());
        }
    }

    @Test
    void refusesOutOfRangeOptions() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().withChunks(-1))
                .isInstanceOf(SimulatorException.class)
                .hasMessageContaining("chunks -1");
    }

    @Test
    void rejectsRequestsWithoutTheConfiguredApiKey() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withApiKey("sk-sim"))) {
            ModerationCreateParams params = ModerationCreateParams.builder().input("hi").build();

            assertThatThrownBy(() -> TestClients.sdk(simulator).moderations().create(params))
                    .isInstanceOf(UnauthorizedException.class);
            OpenAIClient keyed = OpenAIOkHttpClient.builder()
                    .baseUrl(simulator.baseUrl().toString()).apiKey("sk-sim").build();
            assertThat(keyed.moderations().create(params).results()).hasSize(1);
        }
    }

    @Test
    void keepsOnlyTheLastThousandRequests() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(SimulatorOptions.defaults())) {
            IntStream.range(0, 1005).forEach(i -> get(simulator, "/models/m" + i));

            assertThat(simulator.requestCount()).isEqualTo(1005);
            assertThat(simulator.requests()).hasSize(1000);
            assertThat(simulator.requests().getFirst().path()).isEqualTo("/v1/models/m5");
            assertThat(simulator.lastRequest().path()).isEqualTo("/v1/models/m1004");
        }
    }

    @Test
    void closingDropsOpenStreamsPromptly() throws IOException {
        UpstreamSimulator simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withChunkDelayMillis(1000));
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Response response = TestClients.HTTP.newCall(TestClients.post(simulator, "/chat/completions", body))
                .execute()) {
            BufferedSource source = response.body().source();
            assertThat(source.readUtf8Line()).startsWith("data: ");

            long start = System.nanoTime();
            simulator.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThatThrownBy(source::readUtf8).isInstanceOf(IOException.class);
        }
    }

    private static void get(UpstreamSimulator simulator, String path) {
        try (Response response = TestClients.HTTP.newCall(TestClients.get(simulator, path)).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
