package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorAudioTest {
    @AutoClose
    private static final UpstreamSimulator SIMULATOR = UpstreamSimulator.start(SimulatorOptions.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"transcriptions", "translations"})
    void reportsSizeAndSha256OfTheUploadedFile(String endpoint) throws IOException, NoSuchAlgorithmException {
        byte[] audio = new byte[300_000];
        new Random(7).nextBytes(audio);
        MultipartBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("model", "whisper-1")
                .addFormDataPart("file", "speech.mp3", RequestBody.create(audio, MediaType.get("audio/mpeg")))
                .build();
        Request request = new Request.Builder().url(SIMULATOR.baseUrl() + "/audio/" + endpoint).post(form).build();

        try (Response response = TestClients.HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = TestClients.json(response.body().string());
            assertThat(body.path("model").asText()).isEqualTo("whisper-1");
            assertThat(body.path("received_bytes").asInt()).isEqualTo(audio.length);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
            assertThat(body.path("sha256").asText()).isEqualTo(sha256);
            assertThat(body.path("text").asText()).contains("漢字");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"fault\":\"status:429\"}", "{\"chunks\":1}"})
    void takesDirectivesFromTheSimulatorFormField(String directives) throws IOException {
        MultipartBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("model", "whisper-1")
                .addFormDataPart("simulator", directives)
                .addFormDataPart("file", "a.wav", RequestBody.create(new byte[] {1, 2, 3}, null))
                .build();
        Request request = new Request.Builder().url(SIMULATOR.baseUrl() + "/audio/transcriptions").post(form).build();

        try (Response response = TestClients.HTTP.newCall(request).execute()) {
            String body = response.body().string();
            if (directives.contains("429")) {
                assertThat(response.code()).isEqualTo(429);
            } else {
                assertThat(TestClients.json(body).path("text").asText()).isEqualTo("Café");
            }
        }
    }
}
