package dev.aqueduct.simulator;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Puts a {@link Reply} on the wire, shaped by the faults a request asked for. */
final class ReplySender {
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    /** Lets the halves of a split character arrive as separate reads even without chunk pacing. */
    static final long SPLIT_PAUSE_MILLIS = 10;
    private static final String RETRY_AFTER_SECONDS = "7";

    private ReplySender() {
    }

    static void send(HttpServerExchange exchange, Reply reply, Directives directives) {
        switch (reply) {
            case Reply.Json json -> sendJson(exchange, json.status(), json.body(), directives.has(Fault.GZIP));
            case Reply.Binary binary -> sendBytes(exchange, 200, binary.contentType(), binary.body());
            case Reply.Events events -> stream(exchange, events.events(), directives);
        }
    }

    /** An OpenAI error body; 429 and 503 also say when to retry, as upstream does. */
    static void error(HttpServerExchange exchange, ApiError error) {
        if (error.status() == 429 || error.status() == 503) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        byte[] body = JsonBytes.error(error.status(), error.getMessage(), error.param(), error.code());
        sendBytes(exchange, error.status(), JSON, body);
    }

    private static void sendJson(HttpServerExchange exchange, int status, byte[] body, boolean gzip) {
        if (gzip) {
            exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
            sendBytes(exchange, status, JSON, gzip(body));
        } else {
            sendBytes(exchange, status, JSON, body);
        }
    }

    private static void sendBytes(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void stream(HttpServerExchange exchange, List<byte[]> events, Directives directives) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, EVENT_STREAM);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        boolean drop = directives.has(Fault.DROP_MID_STREAM);
        EventStreamWriter writer = new EventStreamWriter(exchange, plan(events, directives), drop);
        // Keeps the exchange open after the current handler call returns; the writer ends it.
        exchange.dispatch(SameThreadExecutor.INSTANCE, writer::start);
    }

    /** One write per event, paced; about half of them on a drop, and one event cut in two on a split. */
    static List<EventStreamWriter.Write> plan(List<byte[]> events, Directives directives) {
        int count = directives.has(Fault.DROP_MID_STREAM) ? Math.max(1, events.size() / 2) : events.size();
        int splitEvent = directives.has(Fault.SPLIT_UTF8) ? eventToSplit(events.subList(0, count)) : -1;
        long pause = directives.chunkDelayMillis();
        List<EventStreamWriter.Write> writes = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            byte[] event = events.get(i);
            long delay = i == 0 ? 0 : pause;
            if (i != splitEvent) {
                writes.add(new EventStreamWriter.Write(event, delay));
                continue;
            }
            int cut = splitPoint(event);
            writes.add(new EventStreamWriter.Write(Arrays.copyOfRange(event, 0, cut), delay));
            writes.add(new EventStreamWriter.Write(Arrays.copyOfRange(event, cut, event.length),
                    Math.max(pause, SPLIT_PAUSE_MILLIS)));
        }
        return writes;
    }

    /** The first event with a four-byte character (an emoji, the hardest case), else with any multi-byte one. */
    static int eventToSplit(List<byte[]> events) {
        for (int i = 0; i < events.size(); i++) {
            if (indexOfLead(events.get(i), true) >= 0) {
                return i;
            }
        }
        for (int i = 0; i < events.size(); i++) {
            if (indexOfLead(events.get(i), false) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The middle of the first four-byte character, else just after the first multi-byte lead byte. */
    static int splitPoint(byte[] bytes) {
        int emoji = indexOfLead(bytes, true);
        return emoji >= 0 ? emoji + 2 : indexOfLead(bytes, false) + 1;
    }

    private static int indexOfLead(byte[] bytes, boolean fourByteOnly) {
        for (int i = 0; i < bytes.length; i++) {
            boolean lead = fourByteOnly ? (bytes[i] & 0xF8) == 0xF0 : (bytes[i] & 0xC0) == 0xC0;
            if (lead) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 2 + 32);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Compressing in memory failed", e);
        }
        return compressed.toByteArray();
    }
}
