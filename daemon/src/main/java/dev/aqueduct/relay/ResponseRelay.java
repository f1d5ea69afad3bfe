package dev.aqueduct.relay;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Sends an upstream response to the client as it arrives, counting its usage on the way: event
 * streams through {@link SseRelay}, other bodies scanned for {@code usage}, and error bodies
 * passed through with the provider's key scrubbed should a provider ever echo it.
 */
final class ResponseRelay {
    private static final int MAX_ERROR_BYTES = 1024 * 1024;

    private ResponseRelay() {
    }

    /**
     * Relays {@code upstream} to the client.
     *
     * @param stripUsage whether the gateway asked for a usage chunk the client did not, so it
     *     must be removed again
     */
    static void relay(HttpServerExchange exchange, RelayExchange relay, Response upstream, boolean stripUsage,
            @Nullable String providerKey) {
        exchange.setStatusCode(upstream.code());
        relay.status(upstream.code());
        HeaderPolicy.copyUpstreamHeaders(upstream.headers(), exchange.getResponseHeaders());
        ResponseBody body = upstream.body();
        // Undertow's output stream fixes the response length when it is created: headers first.
        if (!upstream.isSuccessful()) {
            relayError(exchange, relay, body, providerKey);
        } else if (isEventStream(upstream)) {
            // The relayed stream may differ in length (usage removed, an error event added).
            exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
            new SseRelay(relay, new ClientOutput(exchange, relay), stripUsage).relay(body.source());
        } else {
            // Sent chunked: a fixed length would let Undertow end the exchange on this thread
            // as the last byte goes out, instead of on the connection's I/O thread.
            exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
            relayBody(relay, body, new ClientOutput(exchange, relay), isJson(upstream));
        }
    }

    private static void relayBody(RelayExchange relay, ResponseBody body, ClientOutput out, boolean json) {
        BodyUsageScanner scanner = json ? new BodyUsageScanner() : null;
        BufferedSource source = body.source();
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = UpstreamReads.read(source, buffer, relay)) != -1) {
                if (scanner != null) {
                    scanner.feed(buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
            out.flush();
        } finally {
            if (scanner != null && scanner.found()) {
                relay.usage(scanner.counts(), false);
            } else {
                relay.usage(new UsageCounts(relay.estimatedPromptTokens(), 0, 0), true);
            }
        }
    }

    private static void relayError(HttpServerExchange exchange, RelayExchange relay, ResponseBody body,
            @Nullable String providerKey) {
        byte[] bytes;
        try {
            BufferedSource source = body.source();
            source.request(MAX_ERROR_BYTES);
            bytes = source.getBuffer().readByteArray(Math.min(MAX_ERROR_BYTES, source.getBuffer().size()));
        } catch (IOException e) {
            bytes = new byte[0];
        }
        if (providerKey != null && !providerKey.isEmpty()) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.contains(providerKey)) {
                bytes = text.replace(providerKey, "[redacted]").getBytes(StandardCharsets.UTF_8);
            }
        }
        exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
        exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
        ClientOutput out = new ClientOutput(exchange, relay);
        out.write(bytes);
        out.flush();
    }

    private static boolean isEventStream(Response upstream) {
        return contentType(upstream).startsWith("text/event-stream");
    }

    private static boolean isJson(Response upstream) {
        String type = contentType(upstream);
        return type.startsWith("application/json") || type.contains("+json");
    }

    private static String contentType(Response upstream) {
        String type = upstream.header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
