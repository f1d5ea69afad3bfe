package dev.aqueduct.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aqueduct.common.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/** Writes complete JSON replies: the gateway's own answers, as opposed to relayed ones. */
public final class Responses {
    private static final String JSON = "application/json";

    private Responses() {
    }

    /** Sends {@code body} serialized as JSON with {@code status}. */
    public static void json(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize reply type=" + body.getClass().getSimpleName(), e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        // No Content-Length: a fixed length would end the exchange on this thread (see ExchangeIo).
        try {
            ExchangeIo.output(exchange).write(bytes);
        } catch (IOException e) {
            // The client has gone; there is nobody left to answer.
            exchange.setPersistent(false);
        }
    }

    /**
     * Sends the error in the OpenAI shape from the exchange's I/O thread, where nothing may
     * block: in one write, with its length, ending the exchange.
     */
    public static void sendFromIoThread(HttpServerExchange exchange, ApiException error) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(error.toError());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize an error reply", e);
        }
        exchange.setStatusCode(error.status());
        exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            exchange.getResponseHeaders().put(new HttpString(header.getKey()), header.getValue());
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /** Sends the error in the OpenAI shape, unless the response has already begun. */
    public static void error(HttpServerExchange exchange, ApiException error) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            exchange.getResponseHeaders().put(new HttpString(header.getKey()), header.getValue());
        }
        json(exchange, error.status(), error.toError());
    }
}
