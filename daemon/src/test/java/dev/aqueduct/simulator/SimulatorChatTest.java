package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SimulatorChatTest {
    private static final String SENTENCE = "Café 漢字 🙂 flows through the aqueduct.";

    @AutoClose
    private static final UpstreamSimulator SIMULATOR = UpstreamSimulator.start(SimulatorOptions.defaults());
    private static final OpenAIClient SDK = TestClients.sdk(SIMULATOR);

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("Say hello to the aqueduct");
    }

    @Test
    void answersChatCompletionWithDeterministicTextAndUsage() {
        ChatCompletion completion = SDK.chat().completions().create(params().build());

        assertThat(completion.choices().getFirst().message().content()).contains(SENTENCE);
        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(5);
        assertThat(usage.completionTokens()).isEqualTo(8);
        assertThat(usage.totalTokens()).isEqualTo(13);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
    }

    @Test
    void writesEmojiAsRawUtf8LikeOpenAi() throws IOException {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Response response = TestClients.HTTP.newCall(TestClients.post(SIMULATOR, "/chat/completions", body))
                .execute()) {
            String raw = new String(response.body().bytes(), StandardCharsets.UTF_8);
            assertThat(raw).contains(SENTENCE).doesNotContain("\\u");
        }
    }

    @Test
    void answersABodyOfTwentyMegabytesInOneString() throws IOException {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(4_200_000)
                + "\"}]}";
        try (Response response = TestClients.HTTP.newCall(TestClients.post(SIMULATOR, "/chat/completions", body))
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(TestClients.json(response.body().string()).at("/usage/prompt_tokens").asLong())
                    .isEqualTo(4_200_000);
        }
    }

    @Test
    void streamsRoleContentAndFinishWithoutUsageWhenNotAsked() {
        List<ChatCompletionChunk> chunks = streamChunks(params().build());

        assertThat(chunks).hasSize(10);
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
        assertThat(chunks.getLast().choices().getFirst().finishReason()).isPresent();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
        assertThat(text(chunks)).isEqualTo(SENTENCE);
    }

    @Test
    void streamsUsageChunkOnlyWhenAsked() {
        ChatCompletionStreamOptions includeUsage = ChatCompletionStreamOptions.builder().includeUsage(true).build();

        List<ChatCompletionChunk> chunks = streamChunks(params().streamOptions(includeUsage).build());

        assertThat(chunks).hasSize(11);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(8);
        assertThat(chunks.subList(0, 10)).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
        assertThat(text(chunks)).isEqualTo(SENTENCE);
    }

    @Test
    void writesUsageNullOnEveryChunkOnlyWhenUsageWasAsked() throws IOException {
        List<String> asked = rawStream("{\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        List<String> notAsked = rawStream("{\"stream\":true");

        assertThat(asked.getLast()).isEqualTo("[DONE]");
        assertThat(asked.subList(0, asked.size() - 2)).allSatisfy(data -> assertThat(data).contains("\"usage\":null"));
        assertThat(TestClients.json(asked.get(asked.size() - 2)).path("usage").path("total_tokens").asInt())
                .isEqualTo(10);
        assertThat(notAsked.getLast()).isEqualTo("[DONE]");
        assertThat(notAsked).noneSatisfy(data -> assertThat(data).contains("usage"));
    }

    @Test
    void acceptsPerRequestChunkCount() {
        List<ChatCompletionChunk> chunks = streamChunks(params()
                .putAdditionalBodyProperty("simulator", JsonValue.from(Map.of("chunks", 20)))
                .build());

        assertThat(chunks).hasSize(22);
        assertThat(text(chunks)).startsWith(SENTENCE + " " + SENTENCE);
    }

    @Test
    void answersTextCompletionsStreamedAndWhole() throws IOException {
        String body = "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"one two three\"";
        try (Response response = TestClients.HTTP.newCall(TestClients.post(SIMULATOR, "/completions", body + "}"))
                .execute()) {
            JsonNode completion = TestClients.json(response.body().string());
            assertThat(completion.path("object").asText()).isEqualTo("text_completion");
            assertThat(completion.path("choices").get(0).path("text").asText()).isEqualTo(SENTENCE);
            assertThat(completion.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        }
        List<String> events = streamData("/completions", body + ",\"stream\":true}");

        assertThat(events).hasSize(10).last().isEqualTo("[DONE]");
        assertThat(TestClients.json(events.get(8)).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("stop");
    }

    private static List<ChatCompletionChunk> streamChunks(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = SDK.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        return String.join("", chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content())
                .flatMap(Optional::stream)
                .toList());
    }

    private static List<String> rawStream(String bodyStart) throws IOException {
        return streamData("/chat/completions", bodyStart
                + ",\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"just one\"}]}");
    }

    private static List<String> streamData(String path, String body) throws IOException {
        try (Response response = TestClients.HTTP.newCall(TestClients.post(SIMULATOR, path, body)).execute()) {
            assertThat(response.header("Content-Type")).startsWith("text/event-stream");
            return TestClients.dataLines(response.body().string());
        }
    }
}
