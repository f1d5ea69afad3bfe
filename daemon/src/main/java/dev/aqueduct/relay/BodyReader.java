package dev.aqueduct.relay;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body into memory up to a limit. A body over the limit is refused with 413
 * without being kept: the rest is read and thrown away, up to {@link #DISCARD_LIMIT}, so that
 * clients that send their whole body before reading the answer still see the 413; past that the
 * connection is simply closed.
 */
final class BodyReader {
    static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private BodyReader() {
    }

    static byte[] read(HttpServerExchange exchange, long maxBytes) {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            throw tooLarge(exchange, maxBytes, declared - maxBytes <= DISCARD_LIMIT && !awaitsContinue(exchange));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = ExchangeIo.input(exchange);
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(exchange, maxBytes, true);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Client stopped sending the request body", e);
        }
        return out.toByteArray();
    }

    /** Whether the client waits for "100 Continue" before sending its body: then there is nothing to drain. */
    static boolean awaitsContinue(HttpServerExchange exchange) {
        String expect = exchange.getRequestHeaders().getFirst(Headers.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /** The 413 answer; with {@code discardRest}, the unread rest of the body is drained first. */
    static ApiException tooLarge(HttpServerExchange exchange, long maxBytes, boolean discardRest) {
        exchange.setPersistent(false);
        if (discardRest) {
            discard(exchange);
        }
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than this gateway's limit of " + maxBytes + " bytes");
    }

    private static void discard(HttpServerExchange exchange) {
        byte[] sink = new byte[64 * 1024];
        long discarded = 0;
        try {
            InputStream in = ExchangeIo.input(exchange);
            int n;
            while (discarded < DISCARD_LIMIT && (n = in.read(sink)) != -1) {
                discarded += n;
            }
        } catch (IOException e) {
            // The client gave up sending; the 413 goes out if the connection still stands.
            exchange.setPersistent(false);
        }
    }
}
