package dev.aqueduct.relay;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * Which headers cross the gateway. Both directions use allow-lists: the client's key, cookies and
 * hop-by-hop headers never go upstream, and the provider's account details, cookies and
 * hop-by-hop headers never come back.
 */
final class HeaderPolicy {
    private static final Set<String> FROM_CLIENT = Set.of("accept", "openai-beta", "idempotency-key", "user-agent");
    private static final Set<String> FROM_UPSTREAM = Set.of("content-type", "content-encoding",
            "content-disposition", "retry-after", "retry-after-ms", "openai-processing-ms", "openai-version");
    private static final Map<String, HttpString> UPSTREAM_NAMES = FROM_UPSTREAM.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, HttpString::new));
    private static final HttpString UPSTREAM_REQUEST_ID = new HttpString("x-upstream-request-id");

    private HeaderPolicy() {
    }

    /** Copies the allowed client headers onto the upstream request. */
    static void copyClientHeaders(HeaderMap client, Request.Builder upstream) {
        for (String name : FROM_CLIENT) {
            String value = client.getFirst(name);
            if (value != null) {
                upstream.header(name, value);
            }
        }
    }

    /** The allowed client headers as lines of an upstream request's head, each ending in CRLF. */
    static String clientHeaderLines(HeaderMap client) {
        StringBuilder lines = new StringBuilder();
        for (String name : FROM_CLIENT) {
            String value = client.getFirst(name);
            if (value != null) {
                lines.append(name).append(": ").append(value).append("\r\n");
            }
        }
        return lines.toString();
    }

    /** Copies the allowed headers of an answer read off the connection, as {@link #copyUpstreamHeaders} does. */
    static void copyUpstreamHead(UpstreamHead upstream, HeaderMap client) {
        for (int i = 0; i < upstream.names().size(); i++) {
            String name = upstream.names().get(i);
            HttpString allowed = UPSTREAM_NAMES.get(name);
            if (allowed != null) {
                client.add(allowed, upstream.values().get(i));
            } else if (name.equals("x-request-id")) {
                client.put(UPSTREAM_REQUEST_ID, upstream.values().get(i));
            }
        }
    }

    /**
     * Copies the allowed upstream headers onto the client's response. The provider's
     * {@code Content-Length} is never copied: every reply is sent chunked, so that Undertow ends
     * the exchange on its I/O thread (see {@code ExchangeIo}), and a relayed stream may differ in
     * length from the provider's (usage removed, an error event added, a key scrubbed).
     */
    static void copyUpstreamHeaders(Headers upstream, HeaderMap client) {
        for (int i = 0; i < upstream.size(); i++) {
            String name = upstream.name(i).toLowerCase(Locale.ROOT);
            if (FROM_UPSTREAM.contains(name)) {
                client.add(new HttpString(name), upstream.value(i));
            } else if (name.equals("x-request-id")) {
                client.put(UPSTREAM_REQUEST_ID, upstream.value(i));
            }
        }
    }
}
