package dev.aqueduct.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorFaultTest {
    private static final String SENTENCE = "Café 漢字 🙂 flows through the aqueduct.";

    @AutoClose
    private static final UpstreamSimulator SIMULATOR = UpstreamSimulator.start(SimulatorOptions.defaults());

    private static String chat(boolean stream, String directives) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}],\"simulator\":" + directives + "}";
    }

    private static Response call(String body) throws IOException {
        return TestClients.HTTP.newCall(TestClients.post(SIMULATOR, "/chat/completions", body)).execute();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void answersScriptedStatusWithRetryAfter(int status) throws IOException {
        try (Response response = call(chat(false, "{\"fault\":\"status:" + status + "\"}"))) {
            assertThat(response.code()).isEqualTo(status);
            assertThat(response.header("Retry-After")).isEqualTo("7");
            JsonNode error = TestClients.json(response.body().string()).path("error");
            assertThat(error.path("message").asText()).isNotEmpty();
            assertThat(error.has("type") && error.has("param") && error.has("code")).isTrue();
        }
    }

    @Test
    void answersOtherScriptedStatusWithoutRetryAfter() throws IOException {
        try (Response response = call(chat(true, "{\"fault\":\"status:500\"}"))) {
            assertThat(response.code()).isEqualTo(500);
            assertThat(response.header("Retry-After")).isNull();
            assertThat(TestClients.json(response.body().string()).path("error").path("type").asText())
                    .isEqualTo("server_error");
        }
    }

    @Test
    void dropsStreamMidwayWithoutDone() throws IOException {
        try (Response response = call(chat(true, "{\"fault\":\"drop_mid_stream\"}"))) {
            assertThat(response.code()).isEqualTo(200);
            assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void splitsMultiByteCharacterAcrossTwoWritesThatDecodeIntact() throws IOException {
        try (Response response = call(chat(true, "{\"fault\":\"split_utf8\"}"))) {
            List<String> data = TestClients.dataLines(response.body().string());
            String text = String.join("", data.subList(0, data.size() - 1).stream()
                    .map(chunk -> TestClients.json(chunk).path("choices").get(0).path("delta").path("content").asText())
                    .toList());
            assertThat(text).isEqualTo(SENTENCE);
        }

        List<byte[]> chunks = ChunkedResponse.post(SIMULATOR, "/chat/completions",
                chat(true, "{\"fault\":\"split_utf8\"}")).chunks();

        assertThat(chunks).anySatisfy(chunk -> assertThat(endsInsideCharacter(chunk)).isTrue());
    }

    @Test
    void flushesEachEventAsItsOwnWrite() throws IOException {
        ChunkedResponse response = ChunkedResponse.post(SIMULATOR, "/chat/completions", chat(true, "{}"));

        assertThat(response.chunks()).hasSize(11);
        assertThat(new String(response.chunks().getLast(), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void compressesJsonBodyWhenAskedForGzip() throws IOException {
        Request request = TestClients.post(SIMULATOR, "/chat/completions", chat(false, "{\"fault\":\"gzip\"}"))
                .newBuilder().header("Accept-Encoding", "gzip").build();
        try (Response response = TestClients.HTTP.newCall(request).execute()) {
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            byte[] json = new GZIPInputStream(response.body().byteStream()).readAllBytes();
            assertThat(TestClients.json(new String(json, StandardCharsets.UTF_8)).path("object").asText())
                    .isEqualTo("chat.completion");
        }
    }

    @Test
    void closesConnectionWithoutAnswerOnReset() {
        assertThatThrownBy(() -> call(chat(false, "{\"fault\":\"reset\"}")).close()).isInstanceOf(IOException.class);
    }

    @Test
    void delaysHeadersPastClientReadTimeout() {
        OkHttpClient impatient = TestClients.HTTP.newBuilder().readTimeout(Duration.ofMillis(100)).build();
        Request request = TestClients.post(SIMULATOR, "/chat/completions",
                chat(false, "{\"fault\":\"delay_headers_ms:3000\"}"));

        assertThatThrownBy(() -> impatient.newCall(request).execute().close())
                .isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void answersAfterShortHeaderDelay() throws IOException {
        long start = System.nanoTime();
        try (Response response = call(chat(false, "{\"fault\":[\"delay_headers_ms:50\",\"gzip\"]}"))) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void pacesStreamedEventsByChunkDelay() throws IOException {
        long start = System.nanoTime();
        try (Response response = call(chat(true, "{\"chunks\":4,\"chunk_delay_ms\":20}"))) {
            assertThat(TestClients.dataLines(response.body().string())).hasSize(7);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void omitsUsageOnNoUsageEvenWhenAsked() throws IOException {
        String asked = chat(true, "{\"fault\":\"no_usage\"}").replace("\"stream\":true",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        try (Response response = call(asked)) {
            assertThat(TestClients.dataLines(response.body().string())).noneSatisfy(
                    data -> assertThat(data).contains("\"usage\":{"));
        }
        try (Response response = call(chat(false, "{\"fault\":\"no_usage\"}"))) {
            assertThat(TestClients.json(response.body().string()).has("usage")).isFalse();
        }
    }

    @Test
    void rejectsUnknownFaultNamingTheKnownOnes() throws IOException {
        try (Response response = call(chat(false, "{\"fault\":\"explode\"}"))) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("explode").contains("drop_mid_stream");
        }
    }

    private static boolean endsInsideCharacter(byte[] chunk) {
        byte[] tail = new byte[Math.min(4, chunk.length)];
        System.arraycopy(chunk, chunk.length - tail.length, tail, 0, tail.length);
        for (int i = tail.length - 1; i >= 0; i--) {
            if ((tail[i] & 0xC0) == 0xC0) {
                int length = (tail[i] & 0xE0) == 0xC0 ? 2 : (tail[i] & 0xF0) == 0xE0 ? 3 : 4;
                return tail.length - i < length;
            }
            if ((tail[i] & 0x80) == 0) {
                return false;
            }
        }
        return false;
    }
}
