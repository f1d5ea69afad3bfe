package dev.aqueduct.relay;

import io.undertow.server.HttpServerExchange;
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
    static final int MAX_ERROR_BYTES = 1024 * 1024;

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
        // Undertow's output stream commits the headers when it is created: headers first.
        if (!upstream.isSuccessful()) {
            relayError(body, new ClientOutput(exchange, relay), providerKey);
        } else if (isEventStream(contentType(upstream))) {
            new SseRelay(relay, new ClientOutput(exchange, relay), stripUsage).relay(body.source());
        } else {
            relayBody(relay, body, new ClientOutput(exchange, relay), isJson(contentType(upstream)));
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
            relay.usageOrEstimate(scanner == null ? null : scanner.finish());
        }
    }

    /**
     * Passes the provider's error through, its first 1 MiB, with the provider's key scrubbed
     * should the provider ever echo it. A body in an encoding OkHttp did not decode keeps its
     * {@code Content-Encoding}, so headers and bytes stay consistent.
     */
    private static void relayError(ResponseBody body, ClientOutput out, @Nullable String providerKey) {
        byte[] bytes;
        try {
            BufferedSource source = body.source();
            source.request(MAX_ERROR_BYTES);
            bytes = source.getBuffer().readByteArray(Math.min(MAX_ERROR_BYTES, source.getBuffer().size()));
        } catch (IOException e) {
            bytes = new byte[0];
        }
        out.write(scrubbed(bytes, providerKey));
        out.flush();
    }

    /** The bytes of an error body with the provider's key replaced, should the provider ever echo it. */
    static byte[] scrubbed(byte[] bytes, @Nullable String providerKey) {
        if (providerKey == null || providerKey.isEmpty()) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.contains(providerKey) ? text.replace(providerKey, "[redacted]").getBytes(StandardCharsets.UTF_8)
                : bytes;
    }

    /** Whether a lower-cased content type is a server-sent event stream. */
    static boolean isEventStream(String type) {
        return type.startsWith("text/event-stream");
    }

    /** Whether a lower-cased content type is JSON. */
    static boolean isJson(String type) {
        return type.startsWith("application/json") || type.contains("+json");
    }

    private static String contentType(Response upstream) {
        String type = upstream.header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
