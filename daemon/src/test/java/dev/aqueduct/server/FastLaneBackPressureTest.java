package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's fast lane with a client that reads slowly, through sockets with a small receive
 * window: what the client cannot take yet is held, the provider's answer waits meanwhile, and
 * every byte arrives as the provider sent it, however long the answer. A provider that falls
 * silent once such a client caught up is cut on both relay paths within its own timeout, and
 * only then: the time the client took is not the provider's.
 */
class FastLaneBackPressureTest {
    private static final MediaType JSON = MediaType.get("application/json");
    /** A streamed chat that asks for usage itself, so that the gateway passes every byte on as it comes. */
    private static final String STREAM_CHAT = "{\"model\":\"mini\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"long\"}]}";

    @TempDir
    Path directory;

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private MockWebServer provider;
    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @ParameterizedTest
    @EnumSource(LongAnswer.class)
    void relaysALongAnswerToAClientThatReadsSlowlyByteForByte(LongAnswer kind) throws Exception {
        byte[] answer = kind.bytes();
        provider = new MockWebServer();
        provider.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return kind.response(answer);
            }
        });
        provider.start();
        gateway = GatewayHarness.start(directory, RelayPath.FAST_LANE,
                GatewayHarness.oneProvider(provider.url("/v1").toString(), 60));
        Request relay = new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).post(RequestBody.create(kind.request(), JSON))
                .build();
        byte[] direct;
        try (Response response = http.newCall(relay.newBuilder().url(provider.url("/v1/chat/completions")).build())
                .execute()) {
            direct = response.body().bytes();
        }
        OkHttpClient slow = new OkHttpClient.Builder().socketFactory(new SmallWindowSockets())
                .readTimeout(Duration.ofSeconds(60)).build();

        byte[] relayed = readSlowly(slow, relay);
        // The same client connection, so the same I/O thread and its provider connection, read at once.
        byte[] next;
        try (Response response = slow.newCall(relay).execute()) {
            next = response.body().bytes();
        }

        assertThat(direct).isEqualTo(answer);
        assertThat(relayed.length).isEqualTo(direct.length);
        assertThat(relayed).isEqualTo(direct);
        assertThat(next).as("the next answer on the same connections").isEqualTo(direct);
        gateway.stopDaemon();
        assertThat(gateway.usageEvents()).hasSize(2).allSatisfy(event -> {
            assertThat(event).containsEntry("status", 200);
            assertThat(((Number) event.get("output_tokens")).longValue()).isEqualTo(6000);
            assertThat(((Number) event.get("input_tokens")).longValue()).isEqualTo(5);
            assertThat(event.get("estimated")).isIn(false, 0);
        });
    }

    @ParameterizedTest
    @EnumSource(RelayPath.class)
    void cutsAStreamWhoseProviderFallsSilentAfterASlowClientCaughtUp(RelayPath path) throws Exception {
        byte[] events = eventStream(6000, 2000);
        byte[] unfinished = Arrays.copyOf(events, events.length - "data: [DONE]\n\n".length());
        CountDownLatch silence = new CountDownLatch(1);
        provider = new MockWebServer();
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .addHeader("Transfer-Encoding", "chunked").body(new SilentAfter(unfinished, silence)).build());
        provider.start();
        gateway = GatewayHarness.start(directory, path,
                GatewayHarness.oneProvider(provider.url("/v1").toString(), 2));
        OkHttpClient slow = new OkHttpClient.Builder().socketFactory(new SmallWindowSockets())
                .readTimeout(Duration.ofSeconds(30)).build();

        Buffer received = new Buffer();
        try (Response response = slow.newCall(new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key()).post(RequestBody.create(STREAM_CHAT, JSON))
                .build()).execute()) {
            // The client takes nothing for longer than the provider's 2 s timeout, then everything.
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            BufferedSource source = response.body().source();
            assertThatThrownBy(() -> {
                while (source.read(received, 64 * 1024) != -1) {
                    // Reads until the gateway cuts the stream.
                }
            }).isInstanceOf(IOException.class);
        } finally {
            silence.countDown();
        }

        assertThat(received.size()).as("every event, then the gateway's error event").isGreaterThan(unfinished.length);
        assertThat(received.readByteArray(unfinished.length)).isEqualTo(unfinished);
        assertThat(received.readUtf8()).startsWith("data: {\"error\":").contains("upstream_stream_incomplete");
        gateway.stopDaemon();
        Map<String, Object> event = gateway.usageEvents().getFirst();
        assertThat(event).containsEntry("status", 502);
        assertThat(((Number) event.get("output_tokens")).longValue()).isEqualTo(6000);
    }

    /**
     * Reads the answer's body in small pieces, pausing now and then: through a socket with a small
     * receive window, the gateway then has to hold back what the client cannot take yet.
     */
    private static byte[] readSlowly(OkHttpClient slow, Request request) throws IOException {
        Buffer received = new Buffer();
        try (Response response = slow.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            BufferedSource source = response.body().source();
            long read;
            while ((read = source.read(received, 8 * 1024)) != -1) {
                if (received.size() % (512 * 1024) < read) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        }
        return received.readByteArray();
    }

    /**
     * A chat completion stream of {@code events} content events of about {@code eventBytes} each,
     * then the final event, the usage event and {@code [DONE]}: the bytes a provider sends.
     */
    private static byte[] eventStream(int events, int eventBytes) {
        StringBuilder text = new StringBuilder();
        String filler = "x".repeat(eventBytes);
        for (int i = 0; i < events; i++) {
            text.append("data: {\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",")
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(i).append(filler)
                    .append("\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        text.append("data: {\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,")
                .append("\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n")
                .append("data: {\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",\"choices\":[],")
                .append("\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":").append(events)
                .append(",\"total_tokens\":").append(events + 5).append("}}\n\n")
                .append("data: [DONE]\n\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Long answers of 6000 completion tokens and some 12 MB, more than the sockets between
     * provider, gateway and client hold: an event stream sent in chunks, read event by event,
     * and a JSON body of declared length, passed through with its usage read on the way.
     */
    private enum LongAnswer {
        EVENT_STREAM,
        JSON_BODY;

        byte[] bytes() {
            if (this == EVENT_STREAM) {
                return eventStream(6000, 2000);
            }
            return ("{\"id\":\"chatcmpl-long\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + "x".repeat(12_000_000) + "\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6000,"
                    + "\"total_tokens\":6005}}").getBytes(StandardCharsets.UTF_8);
        }

        MockResponse response(byte[] answer) {
            MockResponse.Builder response = new MockResponse.Builder();
            if (this == EVENT_STREAM) {
                return response.addHeader("Content-Type", "text/event-stream")
                        .chunkedBody(new Buffer().write(answer), 16 * 1024).build();
            }
            return response.addHeader("Content-Type", "application/json").body(new Buffer().write(answer)).build();
        }

        String request() {
            return this == EVENT_STREAM ? STREAM_CHAT
                    : "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"long\"}]}";
        }
    }

    /** An event stream's first chunk, then silence until released, the connection kept open. */
    private record SilentAfter(byte[] events, CountDownLatch silence) implements MockResponseBody {
        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(Integer.toHexString(events.length)).writeUtf8("\r\n").write(events).writeUtf8("\r\n");
            sink.flush();
            // Longer than the client waits: only the gateway's own timeout can end this stream.
            try {
                silence.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
