package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.ConfigLoader;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.models.ModelCatalog;
import dev.aqueduct.usage.UsageEvent;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast lane's wait for a request's body, on a real Undertow server, with a client timeout of
 * one second instead of the gateway's two minutes. A request the lane cannot serve (here: one
 * for a model it does not know) goes to a fallback that echoes the body it was handed.
 */
class FastLaneBodyTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final KeyRecord KEY = new KeyRecord("key_test", "aqk-test", "test", KeyScope.INFERENCE, "org_test",
            null, "usr_test", null, Instant.EPOCH, null, null, null, false);
    private static final String UNKNOWN_MODEL = "{\"model\":\"no-such-model\"}";

    @TempDir
    Path directory;

    private final List<UsageEvent> events = new CopyOnWriteArrayList<>();
    private Undertow server;

    @BeforeEach
    void start() throws IOException {
        Path file = Files.writeString(directory.resolve("aqueduct.yaml"), "providers:\n"
                + "  - { name: local, base-url: \"http://127.0.0.1:9/v1\" }\n"
                + "models:\n  - { name: mini, deployments: [{ provider: local }] }\n");
        ModelCatalog catalog = ModelCatalog.from(new ConfigLoader(Map.of()).load(file));
        FastLane lane = new FastLane(catalog, events::add, deployment -> { }, 1024 * 1024, CLIENT_TIMEOUT);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> lane.relay(exchange, KEY, "req_test",
                        (taken, body) -> taken.getResponseSender().send(new String(body, StandardCharsets.UTF_8))))
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void closesTheConnectionOfAClientThatStopsSendingItsBodyAndRecords499Once() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head(100).concat("{\"model\":").getBytes(StandardCharsets.UTF_8));

            assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
        }

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(499);
            assertThat(event.id()).isEqualTo("req_test");
        });
    }

    @Test
    void keepsTheConnectionPastTheDeadlineOnceTheBodyCame() throws IOException {
        try (Socket socket = connect()) {
            String request = head(UNKNOWN_MODEL.length()) + UNKNOWN_MODEL;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith(UNKNOWN_MODEL);

            LockSupport.parkNanos(CLIENT_TIMEOUT.multipliedBy(2).toNanos());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));

            assertThat(readAnswer(socket.getInputStream())).as("the same connection serves the next request")
                    .startsWith("HTTP/1.1 200").endsWith(UNKNOWN_MODEL);
        }
        assertThat(events).isEmpty();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect((InetSocketAddress) server.getListenerInfo().getFirst().getAddress());
        // Bounds a broken lane's hang; a working one answers or closes within the client timeout.
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String head(int contentLength) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: lane\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Everything the server sends until it closes the connection, which a reset also counts as. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            in.transferTo(received);
        } catch (SocketException reset) {
            // Closed as well.
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** One answer: its head, and a body of the declared length. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = text.lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .mapToInt(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
