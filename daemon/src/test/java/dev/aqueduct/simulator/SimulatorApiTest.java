package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextDeltaEvent;
import com.openai.models.responses.ResponseUsage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import okhttp3.Request;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SimulatorApiTest {
    private static final String SENTENCE = "Café 漢字 🙂 flows through the aqueduct.";

    @AutoClose
    private static final UpstreamSimulator SIMULATOR = UpstreamSimulator.start(SimulatorOptions.defaults());
    private static final OpenAIClient SDK = TestClients.sdk(SIMULATOR);

    @Test
    void answersEmbeddingsOfTheDefaultLengthAndTheSameForTheSameInput() {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfStrings(List.of("one two", "three", "one two"))
                .build();

        CreateEmbeddingResponse response = SDK.embeddings().create(params);

        assertThat(response.data()).hasSize(3);
        assertThat(response.data().getFirst().embedding()).hasSize(16);
        assertThat(response.data().get(0).embedding()).isEqualTo(response.data().get(2).embedding())
                .isNotEqualTo(response.data().get(1).embedding());
        assertThat(response.usage().promptTokens()).isEqualTo(5);
    }

    @Test
    void answersEmbeddingsOfTheRequestedDimensionsAsFloatsOrBase64() throws IOException {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello").dimensions(4)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build();
        assertThat(SDK.embeddings().create(params).data().getFirst().embedding()).hasSize(4);

        JsonNode base64 = postJson("/embeddings",
                "{\"model\":\"e\",\"input\":\"hello\",\"dimensions\":4,\"encoding_format\":\"base64\"}");
        assertThat(base64.path("data").get(0).path("embedding").asText()).hasSize(24);
    }

    @Test
    void answersResponseWithUsage() {
        Response response = SDK.responses().create(responseParams());

        String text = response.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertThat(text).isEqualTo(SENTENCE);
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(4);
        assertThat(usage.outputTokens()).isEqualTo(8);
        assertThat(usage.totalTokens()).isEqualTo(12);
        assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
        assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
    }

    @Test
    void streamsResponseEventsEndingWithCompletedUsage() {
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = SDK.responses().createStreaming(responseParams())) {
            events = stream.stream().toList();
        }

        assertThat(events.getFirst().isCreated()).isTrue();
        String text = String.join("", events.stream().map(ResponseStreamEvent::outputTextDelta)
                .flatMap(Optional::stream).map(ResponseTextDeltaEvent::delta).toList());
        assertThat(text).isEqualTo(SENTENCE);
        ResponseUsage usage = events.getLast().asCompleted().response().usage().orElseThrow();
        assertThat(usage.outputTokens()).isEqualTo(8);
    }

    @Test
    void listsModelsAndAnswersAnyModelIdIncludingSlashes() throws IOException {
        assertThat(getJson("/models").path("data").size()).isGreaterThan(5);

        assertThat(getJson("/models/meta-llama/Llama-3-8B").path("id").asText()).isEqualTo("meta-llama/Llama-3-8B");
        assertThat(getJson("/models/org%2Fmodel").path("id").asText()).isEqualTo("org/model");
    }

    @Test
    void answersModerationsImagesAndSpeech() throws IOException {
        JsonNode moderation = postJson("/moderations", "{\"input\":[\"a\",\"b\"]}");
        assertThat(moderation.path("results")).hasSize(2);
        assertThat(moderation.path("results").get(0).path("flagged").asBoolean(true)).isFalse();

        JsonNode images = postJson("/images/generations", "{\"prompt\":\"an aqueduct\",\"n\":2}");
        assertThat(images.path("data")).hasSize(2);

        Request speech = TestClients.post(SIMULATOR, "/audio/speech", "{\"model\":\"tts-1\",\"input\":\"hi\"}");
        try (okhttp3.Response response = TestClients.HTTP.newCall(speech).execute()) {
            assertThat(response.header("Content-Type")).isEqualTo("audio/mpeg");
            assertThat(response.body().bytes()).hasSizeGreaterThan(1000).startsWith((byte) 0xFF, (byte) 0xFB);
        }
    }

    @Test
    void answersUnknownRouteWithNotFoundInOpenAiShape() throws IOException {
        try (okhttp3.Response response = TestClients.HTTP.newCall(TestClients.get(SIMULATOR, "/nothing")).execute()) {
            assertThat(response.code()).isEqualTo(404);
            JsonNode error = TestClients.json(response.body().string()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("Invalid URL (GET /v1/nothing)");
            assertThat(error.has("type") && error.has("param") && error.has("code")).isTrue();
        }
    }

    @Test
    void recordsRequestsWithHeadersLookedUpCaseInsensitively() throws IOException {
        int before = SIMULATOR.requestCount();

        postJson("/moderations", "{\"input\":\"recorded\"}");

        assertThat(SIMULATOR.requestCount()).isEqualTo(before + 1);
        RecordedRequest recorded = SIMULATOR.lastRequest();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/moderations");
        assertThat(recorded.header("CONTENT-TYPE")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(recorded.bodyText()).isEqualTo("{\"input\":\"recorded\"}");
        assertThat(SIMULATOR.requests()).last().isSameAs(recorded);
    }

    private static ResponseCreateParams responseParams() {
        return ResponseCreateParams.builder()
                .model("gpt-4o-mini")
                .input("Hello there")
                .instructions("Be brief")
                .build();
    }

    private static JsonNode postJson(String path, String body) throws IOException {
        try (okhttp3.Response response = TestClients.HTTP.newCall(TestClients.post(SIMULATOR, path, body)).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return TestClients.json(response.body().string());
        }
    }

    private static JsonNode getJson(String path) throws IOException {
        try (okhttp3.Response response = TestClients.HTTP.newCall(TestClients.get(SIMULATOR, path)).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return TestClients.json(response.body().string());
        }
    }
}
