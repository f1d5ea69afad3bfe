package dev.aqueduct.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as it reached the simulator, so a test can check what the gateway sent upstream.
 * Header names are case-insensitive; repeated headers are joined with {@code ", "}.
 */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> headers;
    private final byte[] body;

    public RecordedRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = query;
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
    }

    public String method() {
        return method;
    }

    /** The path without the query string, as sent (percent-encoding kept). */
    public String path() {
        return path;
    }

    /** The query string without {@code ?}; empty when there was none. */
    public String query() {
        return query;
    }

    /** All headers, looked up case-insensitively. */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + ", bodyBytes=" + body.length + "]";
    }
}
