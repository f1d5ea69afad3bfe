package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.json.Json;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of bad request gets the OpenAI error shape, the right status, and never echoes a key. */
@ParameterizedClass
@EnumSource(RelayPath.class)
class RelayBadInputTest {
    @Parameter
    RelayPath path;

    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() {
        simulator = UpstreamSimulator.start(SimulatorOptions.defaults().withPort(0));
        gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(simulator.baseUrl().toString()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    private Reply post(String path, String key, RequestBody body) throws IOException {
        Request.Builder request = new Request.Builder().url(gateway.baseUrl() + path).post(body);
        if (!key.isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.body().string(), response.header("x-request-id"));
        }
    }

    private Reply chat(String key, String body) throws IOException {
        return post("/chat/completions", key, RequestBody.create(body, JSON));
    }

    record Reply(int status, String body, String requestId) {
        JsonNode error() throws IOException {
            return Json.mapper().readTree(body).get("error");
        }
    }

    @Test
    void refusesTwoAuthorizationHeadersWhateverTheirOrder() throws IOException {
        Request request = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .post(RequestBody.create("{\"model\":\"mini\"}", JSON))
                .addHeader("Authorization", "Bearer " + gateway.key())
                .addHeader("Authorization", "Bearer aqk-someoneelse")
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();

            assertThat(response.code()).isEqualTo(400);
            assertThat(Json.mapper().readTree(body).get("error").get("code").asText())
                    .isEqualTo("duplicate_credentials");
            assertThat(body).doesNotContain(gateway.key());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|401|Missing API key",
        "aqk-notarealkeyatallnotarealkeyatallnotarealkey|401|Incorrect API key",
        "sk-someone-elses-openai-key|401|Incorrect API key"
    })
    void refusesMissingAndUnknownKeys(String key, int status, String message) throws IOException {
        Reply reply = chat(key == null ? "" : key, "{\"model\":\"mini\"}");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.error().get("message").asText()).contains(message);
        assertThat(reply.error().get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(reply.body()).doesNotContain("notarealkey").doesNotContain("someone-elses");
        assertThat(reply.requestId()).startsWith("req_");
    }

    @Test
    void refusesRevokedExpiredAndManagementKeys() throws IOException {
        var owner = gateway.identity().keyOwner("admin@example.com", null);
        var revoked = gateway.keys().create(owner, "revoked", KeyScope.INFERENCE, null);
        gateway.keys().revoke(revoked.key().id());
        var expiring = gateway.keys().create(owner, "expiring", KeyScope.INFERENCE, Instant.now().plusSeconds(60));
        gateway.database().jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE api_keys SET expires_at = :past WHERE id = :id")
                .bind("past", Instant.now().minusSeconds(60).toEpochMilli()).bind("id", expiring.key().id()).execute());
        var management = gateway.keys().create(owner, "admin", KeyScope.MANAGEMENT, null);

        assertThat(chat(revoked.secret(), "{\"model\":\"mini\"}").error().get("message").asText()).contains("revoked");
        assertThat(chat(expiring.secret(), "{\"model\":\"mini\"}").error().get("message").asText()).contains("expired");
        assertThat(chat(management.secret(), "{\"model\":\"mini\"}").status()).isEqualTo(401);
        assertThat(simulator.requestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{not json|400|could not parse",
        "[1,2,3]|400|must be a JSON object",
        "{\"messages\":[]}|400|must provide a model",
        "{\"model\":\"gpt-5x\"}|404|'gpt-5x' does not exist"
    })
    void refusesMalformedRequestsAndUnknownModels(String body, int status, String message) throws IOException {
        Reply reply = chat(gateway.key(), body);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.error().get("message").asText()).contains(message);
        assertThat(reply.error().has("type")).isTrue();
        assertThat(reply.error().has("param")).isTrue();
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void refusesOversizedBodiesWithAndWithoutDeclaredLength() throws IOException {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Reply declared = chat(gateway.key(), new String(big));
        Reply chunked = post("/chat/completions", gateway.key(), new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(big);
            }
        });

        assertThat(declared.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(declared.error().get("code").asText()).isEqualTo("request_too_large");
        assertThat(chat(gateway.key(), "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .status()).as("daemon still serves").isEqualTo(200);
    }

    @Test
    void refusesAnUploadWithASecondModelField() throws IOException {
        byte[] audio = new byte[200_000];
        RequestBody upload = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("model", "whisper-1")
                .addFormDataPart("file", "clip.mp3", RequestBody.create(audio, MediaType.get("audio/mpeg")))
                .addFormDataPart("model", "gpt-4o-transcribe")
                .build();

        Reply reply = post("/audio/transcriptions", gateway.key(), upload);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("message").asText()).contains("more than one 'model' field");
    }

    @Test
    void answersWrongMethodsWith405() throws IOException {
        Request put = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).put(RequestBody.create("{}", JSON)).build();
        try (Response response = http.newCall(put).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("POST");
        }
    }

    @Test
    void refusesRoutesToObjectsStoredAtTheProvider() throws IOException {
        Request files = new Request.Builder().url(gateway.baseUrl() + "/files/file-abc")
                .header("Authorization", "Bearer " + gateway.key()).build();
        Request storedCompletions = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).build();
        try (Response a = http.newCall(files).execute(); Response b = http.newCall(storedCompletions).execute()) {
            assertThat(a.code()).isEqualTo(403);
            assertThat(b.code()).isEqualTo(403);
        }
        assertThat(post("/nothing/here", gateway.key(), RequestBody.create("{}", JSON)).status()).isEqualTo(404);
        assertThat(simulator.requestCount()).isZero();
    }
}
