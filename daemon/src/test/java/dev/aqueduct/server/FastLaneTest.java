package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay's fast lane seen from outside: which requests it sends upstream, and that kept-alive
 * provider connections, many at once, providers that close them and connections that fail
 * before any answer all leave every answer whole and every usage event exact (slow clients are
 * in {@link FastLaneBackPressureTest}). The provider is a {@link MockWebServer}
 * whose answer carries text and usage derived from the number each request sends, so an
 * answer given to the wrong request shows.
 */
class FastLaneTest {
    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path directory;

    private final List<MockWebServer> providers = new ArrayList<>();
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        providers.forEach(MockWebServer::close);
    }

    @ParameterizedTest
    @EnumSource(RelayPath.class)
    void sendsTheLanesOwnRequestHeadUpstreamOnlyOnTheFastLane(RelayPath path) throws Exception {
        MockWebServer provider = provider(new NumberedAnswers(UnaryOperator.identity()));
        start(path, provider);
        Request request = chatRequest(7).newBuilder().header("User-Agent", "lane-test/1.0")
                .header("Accept", "application/json").header("Accept-Encoding", "gzip").build();

        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        Headers upstream = provider.takeRequest().getHeaders();
        assertThat(upstream.get("Authorization")).isEqualTo("Bearer " + GatewayHarness.PROVIDER_KEY);
        assertThat(upstream.get("User-Agent")).isEqualTo("lane-test/1.0");
        if (path == RelayPath.FAST_LANE) {
            assertThat(upstream.names().stream().map(name -> name.toLowerCase(Locale.ROOT)))
                    .as("the lane writes the head itself, without OkHttp's Connection")
                    .containsExactlyInAnyOrder("host", "accept-encoding", "authorization", "content-type",
                            "content-length", "accept", "user-agent");
            assertThat(upstream.get("Accept-Encoding")).as("the lane asks for answers uncompressed")
                    .isEqualTo("identity");
        } else {
            assertThat(upstream.get("Accept-Encoding")).as("OkHttp asks for gzip on its own").isEqualTo("gzip");
        }
    }

    @Test
    void relaysManySequentialAndConcurrentChatsOverKeptAliveConnectionsWithExactUsage() throws Exception {
        int concurrent = 50;
        CountDownLatch allArrived = new CountDownLatch(concurrent);
        AtomicBoolean arrivedTogether = new AtomicBoolean(true);
        MockWebServer provider = provider(new NumberedAnswers(UnaryOperator.identity(), number -> {
            if (number >= 200) {
                allArrived.countDown();
                arrivedTogether.compareAndSet(true, await(allArrived, 30));
            }
        }));
        start(RelayPath.FAST_LANE, provider);

        List<Answer> answers = new ArrayList<>();
        for (int number = 0; number < 200; number++) {
            answers.add(chat(number));
        }
        List<Integer> sequentialConnections = connectionsOf(provider, 200);
        answers.addAll(chatAtOnce(200, concurrent));

        assertThat(answers).allSatisfy(FastLaneTest::assertAnswered);
        assertThat(sequentialConnections).as("one kept-alive provider connection for one client connection")
                .containsOnly(sequentialConnections.getFirst());
        assertThat(arrivedTogether).as("all %d requests were at the provider at once", concurrent).isTrue();
        assertStoredExactly(answers);
    }

    @ParameterizedTest
    @EnumSource(RelayPath.class)
    void answersABodyThatArrivesAfterTheHead(RelayPath path) throws Exception {
        start(path, provider(new NumberedAnswers(UnaryOperator.identity())));

        List<Answer> answers = new ArrayList<>();
        for (int number = 0; number < 5; number++) {
            answers.add(chatInTwoWrites(number));
        }

        assertThat(answers).allSatisfy(FastLaneTest::assertAnswered);
        assertStoredExactly(answers);
    }

    /**
     * Sends a numbered chat as many HTTP clients do, the head in one write and the body in a
     * later one, on a connection of its own, and reads the answer up to the connection's close.
     */
    private Answer chatInTwoWrites(int number) throws IOException {
        byte[] body = ("{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + number + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + gateway.key()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), URI.create(gateway.baseUrl()).getPort())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Long enough for the gateway to take the head alone; shorter would only send both together.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int blank = answer.indexOf("\r\n\r\n");
            String requestId = answer.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-request-id:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(null);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Answer(number, status, blank < 0 ? "" : answer.substring(blank + 4), requestId);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void worksWithAProviderThatClosesEveryConnectionAfterItsAnswer(boolean saysSo) throws Exception {
        MockWebServer provider = provider(new NumberedAnswers(answer -> {
            answer.onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
            return saysSo ? answer.addHeader("Connection", "close") : answer;
        }));
        start(RelayPath.FAST_LANE, provider);

        List<Answer> answers = new ArrayList<>();
        for (int number = 0; number < 20; number++) {
            answers.add(chat(number));
        }

        assertThat(answers).allSatisfy(FastLaneTest::assertAnswered);
        assertThat(connectionsOf(provider, 20)).as("each answer on a connection of its own").doesNotHaveDuplicates();
        assertStoredExactly(answers);
    }

    @Test
    void sendsAgainOnceWhenTheProviderRestartedWhileItsConnectionWasIdle() throws Exception {
        // Started on a port of its own choosing, a MockWebServer lets its successor bind the same port.
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MockWebServer first = provider(new NumberedAnswers(UnaryOperator.identity()), port);
        start(RelayPath.FAST_LANE, first);
        Answer before = chat(1);
        first.close();
        MockWebServer second = provider(new NumberedAnswers(UnaryOperator.identity()), port);

        Answer after = chat(2);

        assertAnswered(before);
        assertAnswered(after);
        assertThat(second.getRequestCount()).isEqualTo(1);
        assertStoredExactly(List.of(before, after));
    }

    @Test
    void sendsAgainOnceWhenAKeptAliveConnectionFailsBeforeAnyAnswer() throws Exception {
        MockWebServer provider = new MockWebServer();
        providers.add(provider);
        provider.enqueue(NumberedAnswers.answer(1).build());
        provider.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        provider.enqueue(NumberedAnswers.answer(2).build());
        provider.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        provider.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        provider.start();
        start(RelayPath.FAST_LANE, provider);

        Answer first = chat(1);
        Answer retried = chat(2);
        Answer failed = chat(3);

        assertAnswered(first);
        assertAnswered(retried);
        assertThat(failed.status()).as("a fresh connection that fails is not tried again").isEqualTo(502);
    }

    private MockWebServer provider(Dispatcher dispatcher) throws IOException {
        return provider(dispatcher, 0);
    }

    private MockWebServer provider(Dispatcher dispatcher, int port) throws IOException {
        MockWebServer provider = new MockWebServer();
        providers.add(provider);
        provider.setDispatcher(dispatcher);
        provider.start(port);
        return provider;
    }

    /** Starts the gateway with a provider timeout no test comes near, so that a slow machine fails nothing. */
    private void start(RelayPath path, MockWebServer provider) {
        gateway = GatewayHarness.start(directory, path, GatewayHarness.oneProvider(provider.url("/v1").toString(), 60));
    }

    private Request chatRequest(int number) {
        return new Request.Builder().url(gateway.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + gateway.key())
                .post(RequestBody.create("{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + number + "\"}]}", JSON)).build();
    }

    private Answer chat(int number) throws IOException {
        try (Response response = http.newCall(chatRequest(number)).execute()) {
            return new Answer(number, response.code(), response.body().string(), response.header("x-request-id"));
        }
    }

    /** Sends {@code count} numbered chats at once, each on a client connection of its own. */
    private List<Answer> chatAtOnce(int firstNumber, int count) throws Exception {
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int number = firstNumber; number < firstNumber + count; number++) {
                Request request = chatRequest(number);
                int sent = number;
                pending.add(threads.submit(() -> {
                    try (Response response = http.newCall(request).execute()) {
                        return new Answer(sent, response.code(), response.body().string(),
                                response.header("x-request-id"));
                    }
                }));
            }
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
        }
        return answers;
    }

    /** The provider connection each of the next {@code count} requests came on, in order. */
    private static List<Integer> connectionsOf(MockWebServer provider, int count) throws InterruptedException {
        List<Integer> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connections.add(provider.takeRequest().getConnectionIndex());
        }
        return connections;
    }

    private static void assertAnswered(Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        try {
            assertThat(Json.mapper().readTree(answer.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("answer " + answer.number());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the daemon and checks that each answer's usage event holds exactly the provider's counts. */
    private void assertStoredExactly(List<Answer> answers) {
        gateway.stopDaemon();
        Map<Object, Map<String, Object>> events = gateway.usageEvents().stream()
                .collect(Collectors.toMap(event -> event.get("id"), Function.identity()));
        assertThat(events).hasSize(answers.size());
        for (Answer answer : answers) {
            Map<String, Object> event = events.get(answer.requestId());
            assertThat(event).as("usage event of %s", answer).isNotNull().containsEntry("status", 200);
            assertThat(((Number) event.get("input_tokens")).longValue()).isEqualTo(1000 + answer.number());
            assertThat(((Number) event.get("output_tokens")).longValue()).isEqualTo(2000 + answer.number());
            assertThat(event.get("estimated")).isIn(false, 0);
        }
    }

    /** Waits for the latch without holding the answer back for ever; false when it did not open. */
    private static boolean await(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One numbered chat as the client saw it. */
    record Answer(int number, int status, String body, String requestId) {
    }

    /**
     * Answers the chat whose message is the number {@code n} with the text {@code "answer n"} and
     * usage {@code 1000 + n} in, {@code 2000 + n} out; {@code shape} adjusts each answer and
     * {@code onArrival} sees each number before it is answered.
     */
    private static final class NumberedAnswers extends Dispatcher {
        private final UnaryOperator<MockResponse.Builder> shape;
        private final IntConsumer onArrival;

        NumberedAnswers(UnaryOperator<MockResponse.Builder> shape) {
            this(shape, number -> { });
        }

        NumberedAnswers(UnaryOperator<MockResponse.Builder> shape, IntConsumer onArrival) {
            this.shape = shape;
            this.onArrival = onArrival;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int number;
            try {
                number = Json.mapper().readTree(request.getBody().utf8()).at("/messages/0/content").asInt(-1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            onArrival.accept(number);
            return shape.apply(answer(number)).build();
        }

        static MockResponse.Builder answer(int number) {
            return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body("{\"id\":\"chatcmpl-" + number + "\",\"object\":\"chat.completion\",\"created\":1,"
                            + "\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"answer " + number + "\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":" + (1000 + number) + ",\"completion_tokens\":"
                            + (2000 + number) + ",\"total_tokens\":" + (3000 + 2 * number) + "}}");
        }
    }
}
