package dev.aqueduct.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id, returned to the client as {@code x-request-id} and stored with its
 * usage, so one line of a client's bug report finds the request in logs and reports.
 */
public final class RequestIds {
    public static final HttpString HEADER = new HttpString("x-request-id");
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);

    private RequestIds() {
    }

    /** Assigns a fresh id to the exchange and sets the response header. */
    public static String assign(HttpServerExchange exchange) {
        String id = newId();
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        return id;
    }

    /** The id assigned to this exchange. */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? assign(exchange) : id;
    }

    /**
     * A time-ordered id: 12 hex digits of milliseconds, then 16 of randomness. Ids name
     * requests, they guard nothing, so a fast generator without a shared lock will do.
     */
    static String newId() {
        HexFormat hex = HexFormat.of();
        String millis = hex.toHexDigits(System.currentTimeMillis());
        return "req_" + millis.substring(4) + hex.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
