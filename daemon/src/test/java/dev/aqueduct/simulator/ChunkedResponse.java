package dev.aqueduct.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 response read off a plain socket with its chunked framing kept, so a test can see
 * each flushed write of the simulator as one chunk.
 */
record ChunkedResponse(String head, List<byte[]> chunks) {
    static ChunkedResponse post(UpstreamSimulator simulator, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String request = "POST /v1" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readUntilBlankLine(in);
            if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                throw new IOException("Expected a chunked response, got:\n" + head);
            }
            return new ChunkedResponse(head, readChunks(in));
        }
    }

    /** The body, put back together. */
    byte[] body() {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    private static List<byte[]> readChunks(InputStream in) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        while (true) {
            int size = Integer.parseInt(readLine(in).trim(), 16);
            if (size == 0) {
                return chunks;
            }
            chunks.add(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.append(line).append('\n');
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed in the middle of a line");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }
}
