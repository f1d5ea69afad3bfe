package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.simulator.RecordedRequest;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway as an OpenAI SDK user meets it: every call through the real SDK, the simulator upstream. */
@ParameterizedClass
@EnumSource(RelayPath.class)
class RelayThroughSdkTest {
    @Parameter
    RelayPath path;

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0)
                .withApiKey(GatewayHarness.PROVIDER_KEY));
        gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(simulator.baseUrl().toString()));
        client = gateway.client();
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    private static ChatCompletionCreateParams.Builder chat() {
        return ChatCompletionCreateParams.builder().model("mini").addUserMessage("tell me three things");
    }

    @Test
    void relaysChatWithTheProvidersKeyAndModelName() throws Exception {
        ChatCompletion completion = client.chat().completions().create(chat().build());

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        RecordedRequest upstream = simulator.lastRequest();
        assertThat(upstream.header("Authorization")).contains("Bearer " + GatewayHarness.PROVIDER_KEY);
        assertThat(upstream.headers().values()).noneMatch(value -> value.contains(gateway.key()));
        assertThat(Json.mapper().readTree(upstream.body()).get("model").asText()).isEqualTo("sim-model");

        gateway.stopDaemon();
        Map<String, Object> event = gateway.usageEvents().getFirst();
        assertThat(event).containsEntry("model", "gpt-4o-mini").containsEntry("deployment", "sim/sim-model")
                .containsEntry("status", 200).containsEntry("endpoint", "/v1/chat/completions");
        assertThat(((Number) event.get("input_tokens")).longValue()).isEqualTo(completion.usage().orElseThrow()
                .promptTokens());
        assertThat(((Number) event.get("output_tokens")).longValue()).isEqualTo(completion.usage().orElseThrow()
                .completionTokens());
    }

    @Test
    void streamsWithoutTheUsageChunkTheClientDidNotAskFor() throws Exception {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat().build())) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
            assertThat(chunk.usage()).isEmpty();
            assertThat(chunk._usage().isMissing()).as("no usage field at all").isTrue();
            assertThat(chunk.choices()).isNotEmpty();
        });
        assertThat(Json.mapper().readTree(simulator.lastRequest().body()).at("/stream_options/include_usage")
                .asBoolean()).as("gateway asked upstream for usage").isTrue();
        gateway.stopDaemon();
        Map<String, Object> event = gateway.usageEvents().getFirst();
        assertThat(((Number) event.get("output_tokens")).longValue()).isEqualTo(SimulatorOptions.DEFAULT_CHUNKS);
        assertThat(event.get("estimated")).isIn(false, 0);
    }

    @Test
    void streamsTheUsageChunkWhenTheClientAsked() {
        ChatCompletionCreateParams params = chat()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens())
                .isEqualTo(SimulatorOptions.DEFAULT_CHUNKS);
    }

    @Test
    void relaysEmbeddingsForModelNamesWithSlashes() {
        CreateEmbeddingResponse response = client.embeddings().create(
                EmbeddingCreateParams.builder().model("org/embed").input("hello world").build());

        assertThat(response.data()).hasSize(1);
        assertThat(client.models().retrieve("org/embed").id()).isEqualTo("org/embed");
        gateway.stopDaemon();
        assertThat(gateway.usageEvents().getFirst()).containsEntry("model", "org/embed");
    }

    @Test
    void relaysResponsesPlainAndStreamed() {
        ResponseCreateParams params = ResponseCreateParams.builder().model("mini").input("hello there").build();
        Response response = client.responses().create(params);
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            events = stream.stream().toList();
        }

        assertThat(response.usage()).isPresent();
        assertThat(events.getLast().isCompleted()).isTrue();
        gateway.stopDaemon();
        assertThat(gateway.usageEvents()).hasSize(2).allSatisfy(event ->
                assertThat(((Number) event.get("output_tokens")).longValue()).isPositive());
    }

    @Test
    void listsExactlyTheConfiguredModels() {
        assertThat(client.models().list().data()).extracting(model -> model.id())
                .containsExactly("gpt-4o-mini", "org/embed", "whisper-1");
    }

    @Test
    void streamsAnAudioUploadThroughByteForByte() throws Exception {
        byte[] audio = new byte[300_000];
        new Random(7).nextBytes(audio);
        Path clip = Files.write(directory.resolve("clip.mp3"), audio);
        var transcription = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(clip).model("whisper-1").build());

        assertThat(transcription.isTranscription()).isTrue();
        RecordedRequest upstream = simulator.lastRequest();
        String sent = new String(upstream.body(), StandardCharsets.ISO_8859_1);
        assertThat(sent).contains("whisper-large").doesNotContain("whisper-1");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
        assertThat(transcription.asTranscription()._additionalProperties().get("sha256").asString())
                .contains(digest);
    }
}
