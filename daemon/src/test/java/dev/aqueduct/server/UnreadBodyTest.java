package dev.aqueduct.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request refused before its body was read is answered and its connection closed at once,
 * rather than held open until a body arrives that may never come; a request whose body was read
 * keeps its connection for the next one.
 */
@ParameterizedClass
@EnumSource(RelayPath.class)
class UnreadBodyTest {
    @Parameter
    RelayPath path;

    /** Bounds a broken gateway's hang; a working one answers and closes in milliseconds. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    @TempDir
    Path directory;

    private UpstreamSimulator simulator;
    private GatewayHarness gateway;

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

    @Test
    void answersAndClosesARefusedRequestWhoseBodyNeverCame() throws IOException {
        String reply = send("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":");

        assertThat(reply).startsWith("HTTP/1.1 401");
        assertThat(reply.toLowerCase(Locale.ROOT)).contains("connection: close");
        assertThat(reply).contains("Missing API key");
    }

    @Test
    void answersAndClosesARefusedUploadThatWaitsForContinue() throws IOException {
        String reply = send("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: gateway\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 33000000\r\n"
                + "Expect: 100-continue\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 401");
        assertThat(reply.toLowerCase(Locale.ROOT)).contains("connection: close");
    }

    @Test
    void invitesTheBodyOfAnAcceptedRequestThatWaitsForContinue() throws IOException {
        String body = "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                    + gateway.key() + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();

            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void keepsTheConnectionOfARequestWhoseBodyWasRead() throws IOException {
        String body = "{\"model\":\"mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer " + gateway.key() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
        }
    }

    /** Sends {@code request} and reads until the gateway closes the connection. */
    private String send(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(reply);
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private Socket connect() throws IOException {
        URI base = URI.create(gateway.baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
