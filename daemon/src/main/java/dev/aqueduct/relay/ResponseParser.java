package dev.aqueduct.relay;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads an HTTP/1.1 response as its bytes arrive in pieces of any size: the status line and
 * headers, then the body by its declared length, in chunks, or up to the connection's end.
 * Interim answers ({@code 100 Continue}, {@code 103 Early Hints}) are passed over. Body bytes are
 * handed on as they come, never held.
 */
final class ResponseParser {
    /** What the parser finds, in order: one head, any number of body pieces, one end. */
    interface Listener {
        void head(UpstreamHead head);

        /** Body bytes; the array may be reused once this returns. */
        void body(byte[] bytes, int offset, int length);

        void end();
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final Listener listener;
    private byte[] line = new byte[1024];
    private int lineLength;
    private State state = State.HEAD;
    private long remaining;
    private boolean reusable = true;
    private boolean started;

    ResponseParser(Listener listener) {
        this.listener = listener;
    }

    /** Takes the next bytes from the connection. */
    void feed(byte[] bytes, int offset, int length) throws ProtocolException {
        started |= length > 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case HEAD, CHUNK_SIZE, CHUNK_END, TRAILERS -> i = readLine(bytes, i, end);
                case FIXED, CHUNK_DATA -> i = readCounted(bytes, i, end);
                case UNTIL_CLOSE -> {
                    listener.body(bytes, i, end - i);
                    i = end;
                }
                case DONE -> {
                    // Bytes after a whole answer: the connection cannot be trusted with another.
                    reusable = false;
                    return;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** The connection ended; a body that runs until then ends here, anything else was cut short. */
    void endOfInput() throws EOFException {
        if (state == State.UNTIL_CLOSE) {
            finish();
            return;
        }
        if (state != State.DONE) {
            throw new EOFException(!started ? "the provider closed the connection"
                    : "the provider's answer ended before it was complete");
        }
    }

    /** Whether the whole answer has been read. */
    boolean done() {
        return state == State.DONE;
    }

    /** Whether the connection may carry another request: the answer is whole and nothing said otherwise. */
    boolean reusable() {
        return reusable && state == State.DONE;
    }

    /** Whether any byte of an answer has arrived yet. */
    boolean started() {
        return started;
    }

    private int readCounted(byte[] bytes, int i, int end) {
        int n = (int) Math.min(remaining, end - i);
        listener.body(bytes, i, n);
        remaining -= n;
        if (remaining == 0) {
            if (state == State.FIXED) {
                finish();
            } else {
                state = State.CHUNK_END;
            }
        }
        return i + n;
    }

    /** Collects bytes up to a line's end, then acts on the whole line; returns where reading stopped. */
    private int readLine(byte[] bytes, int i, int end) throws ProtocolException {
        int limit = state == State.HEAD ? MAX_HEAD_BYTES : MAX_LINE_BYTES;
        while (i < end) {
            byte b = bytes[i++];
            if (lineLength == limit) {
                throw new ProtocolException("the provider's answer has a header or line over " + limit + " bytes");
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 4, MAX_HEAD_BYTES));
            }
            line[lineLength++] = b;
            if (b == '\n' && lineComplete()) {
                int length = lineLength;
                lineLength = 0;
                onLine(length);
                return i;
            }
        }
        return i;
    }

    /** The head ends at an empty line; every other state takes one line at a time. */
    private boolean lineComplete() {
        if (state != State.HEAD) {
            return true;
        }
        return lineLength >= 2 && line[lineLength - 2] == '\n'
                || lineLength >= 3 && line[lineLength - 2] == '\r' && line[lineLength - 3] == '\n';
    }

    private void onLine(int length) throws ProtocolException {
        switch (state) {
            case HEAD -> onHead(new String(line, 0, length, StandardCharsets.ISO_8859_1));
            case CHUNK_SIZE -> {
                if (!plainChunkSize(length)) {
                    onChunkSize(new String(line, 0, length, StandardCharsets.ISO_8859_1).strip());
                }
            }
            case CHUNK_END -> {
                if (!lineEndOnly(length) && (length > 2
                        || !new String(line, 0, length, StandardCharsets.ISO_8859_1).isBlank())) {
                    throw new ProtocolException("a chunk of the provider's answer is longer than it declared");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (new String(line, 0, length, StandardCharsets.ISO_8859_1).isBlank()) {
                    finish();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** Whether the line holds only a chunk size in hex and its line end; when it does, the size is taken. */
    private boolean plainChunkSize(int length) {
        int end = length >= 2 && line[length - 2] == '\r' ? length - 2 : length - 1;
        if (end < 1 || end > 15) {
            return false;
        }
        long size = 0;
        for (int i = 0; i < end; i++) {
            int digit = Character.digit((char) (line[i] & 0xff), 16);
            if (digit < 0) {
                return false;
            }
            size = size * 16 + digit;
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
        return true;
    }

    /** Whether the line of {@code length} bytes is nothing but a line end. */
    private boolean lineEndOnly(int length) {
        return length == 1 && line[0] == '\n' || length == 2 && line[0] == '\r' && line[1] == '\n';
    }

    private void onChunkSize(String text) throws ProtocolException {
        int extension = text.indexOf(';');
        String hex = extension >= 0 ? text.substring(0, extension).strip() : text;
        remaining = declared(hex, 16, "chunk size");
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private void onHead(String text) throws ProtocolException {
        List<String> lines = lines(text);
        int status = status(lines.isEmpty() ? "" : lines.getFirst());
        if (status >= 100 && status < 200 && status != 101) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String header : lines.subList(1, lines.size())) {
            if (header.isEmpty()) {
                continue;
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("the provider sent a malformed header: " + shorten(header));
            }
            names.add(header.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            values.add(header.substring(colon + 1).strip());
        }
        UpstreamHead head = new UpstreamHead(status, List.copyOf(names), List.copyOf(values));
        if (status == 101 || lines.getFirst().startsWith("HTTP/1.0") || closes(head)) {
            // After 101 the connection speaks another protocol; 1.0 and "close" end it with this answer.
            reusable = false;
        }
        listener.head(head);
        frame(head);
    }

    private void frame(UpstreamHead head) throws ProtocolException {
        String encoding = head.header("transfer-encoding");
        String length = head.header("content-length");
        if (head.status() == 204 || head.status() == 304 || head.status() < 200) {
            finish();
        } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (length != null) {
            remaining = declared(length, 10, "Content-Length");
            state = State.FIXED;
            if (remaining == 0) {
                finish();
            }
        } else {
            reusable = false;
            state = State.UNTIL_CLOSE;
        }
    }

    /** The head's lines without their line ends; empty lines at its end left out. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(text.substring(start, end));
            start = newline + 1;
        }
        lines.add(text.substring(start));
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    private static int status(String statusLine) throws ProtocolException {
        String[] parts = statusLine.split(" ", 3);
        if (!parts[0].startsWith("HTTP/1.")) {
            throw new ProtocolException("the provider did not answer in HTTP/1.1: " + shorten(statusLine));
        }
        if (parts.length < 2 || parts[1].length() != 3 || !digits(parts[1], 10) || parts[1].charAt(0) == '0') {
            throw new ProtocolException("the provider sent a malformed status line: " + shorten(statusLine));
        }
        return Integer.parseInt(parts[1]);
    }

    /** Whether any Connection header lists {@code close} among its options. */
    private static boolean closes(UpstreamHead head) {
        for (int i = 0; i < head.names().size(); i++) {
            if (head.names().get(i).equals("connection")) {
                for (String option : head.values().get(i).split(",")) {
                    if (option.strip().equalsIgnoreCase("close")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A length the provider declared: digits only, as a sign or anything else leaves the body's end unsure. */
    private static long declared(String text, int radix, String what) throws ProtocolException {
        if (!digits(text.startsWith("-") ? text.substring(1) : text, radix)) {
            throw new ProtocolException("the provider sent a malformed " + what + ": " + shorten(text));
        }
        if (text.startsWith("-")) {
            throw new ProtocolException("the provider sent a negative " + what);
        }
        try {
            return Long.parseLong(text, radix);
        } catch (NumberFormatException e) {
            throw new ProtocolException("the provider sent a " + what + " too large to read: " + shorten(text));
        }
    }

    /** Whether {@code text} is one or more digits of {@code radix}, and nothing else. */
    private static boolean digits(String text, int radix) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), radix) < 0 || text.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private void finish() {
        state = State.DONE;
        listener.end();
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
