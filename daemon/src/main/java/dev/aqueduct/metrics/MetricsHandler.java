package dev.aqueduct.metrics;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@code GET /metrics} with every metric in the Prometheus text format. When a token is
 * configured, the scraper must send it as {@code Authorization: Bearer TOKEN}; it is compared in
 * constant time (as SHA-256 digests, so not even its length shows in the timing).
 */
public final class MetricsHandler {
    private static final String BEARER = "Bearer ";

    private final GatewayMetrics metrics;
    private final byte @Nullable [] tokenDigest;

    /** Serves {@code metrics}; {@code token} is what scrapers must send, or null for no check. */
    public MetricsHandler(GatewayMetrics metrics, @Nullable String token) {
        this.metrics = metrics;
        this.tokenDigest = token == null ? null : sha256(token);
    }

    /** Writes the metrics, or throws a 401 {@link ApiException} when the token is missing or wrong. */
    public void handle(HttpServerExchange exchange) {
        if (tokenDigest != null && !authorized(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            throw new ApiException(401, "invalid_request_error", "invalid_metrics_token", null,
                    "Missing or wrong metrics token; send the token configured as metrics.token in an"
                            + " 'Authorization: Bearer' header", Map.of("WWW-Authenticate", "Bearer"));
        }
        byte[] body = metrics.text().getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        try {
            ExchangeIo.output(exchange).write(body);
        } catch (IOException e) {
            // The scraper has gone; there is nobody left to answer.
            exchange.setPersistent(false);
        }
    }

    private boolean authorized(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
