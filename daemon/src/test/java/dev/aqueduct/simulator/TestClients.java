package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Clients the simulator tests share: the real OpenAI SDK and plain OkHttp. */
final class TestClients {
    static final MediaType JSON = MediaType.get("application/json");
    static final OkHttpClient HTTP = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    private TestClients() {
    }

    /** The OpenAI SDK with strict response validation, so a wrong shape fails the test. */
    static OpenAIClient sdk(UpstreamSimulator simulator) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(simulator.baseUrl().toString())
                .apiKey("x")
                .maxRetries(0)
                .responseValidation(true)
                .build();
    }

    static Request post(UpstreamSimulator simulator, String path, String json) {
        return new Request.Builder()
                .url(simulator.baseUrl() + path)
                .post(RequestBody.create(json, JSON))
                .build();
    }

    static Request get(UpstreamSimulator simulator, String path) {
        return new Request.Builder().url(simulator.baseUrl() + path).build();
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data:} payloads of a server-sent event stream, in order. */
    static List<String> dataLines(String stream) {
        return Arrays.stream(stream.split("\n\n"))
                .filter(event -> !event.isBlank())
                .map(event -> event.lines().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow())
                .map(line -> line.substring("data: ".length()))
                .toList();
    }
}
