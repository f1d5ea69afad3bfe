package dev.aqueduct.server;

import dev.aqueduct.admin.AdminApi;
import dev.aqueduct.auth.ApiKeyExtractor;
import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import dev.aqueduct.http.RequestIds;
import dev.aqueduct.http.Responses;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.metrics.GatewayMetrics;
import dev.aqueduct.metrics.MetricsHandler;
import dev.aqueduct.models.ModelsHandler;
import dev.aqueduct.relay.FastLane;
import dev.aqueduct.relay.RelayHandler;
import dev.aqueduct.store.DatabaseFailures;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request, on a virtual thread: health, readiness and metrics first, the admin API
 * under {@code /admin/v1} (which checks its own credentials), then the API key for everything
 * under {@code /v1}, then the endpoint. Every reply carries {@code x-request-id}, and every
 * failure reaches the client in the OpenAI error shape. Requests the relay serves are counted
 * from their usage event; every other one except health, readiness and metrics is counted here.
 */
final class GatewayRoutes implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);

    private final KeyAuthenticator authenticator;
    private final ModelsHandler models;
    private final RelayHandler relay;
    private final GatewayMetrics metrics;
    private final MetricsHandler metricsEndpoint;
    private final ReadinessCheck readiness;
    private final AdminApi admin;
    private final @Nullable FastLane lane;

    GatewayRoutes(KeyAuthenticator authenticator, ModelsHandler models, RelayHandler relay, GatewayMetrics metrics,
            MetricsHandler metricsEndpoint, ReadinessCheck readiness, AdminApi admin, @Nullable FastLane lane) {
        this.authenticator = authenticator;
        this.models = models;
        this.relay = relay;
        this.metrics = metrics;
        this.metricsEndpoint = metricsEndpoint;
        this.readiness = readiness;
        this.admin = admin;
        this.lane = lane;
    }

    /**
     * Takes the request on its I/O thread when the relay's fast lane can serve it there: true
     * when taken, false when it is for the virtual threads. Called on the I/O thread, so it only
     * looks at what is already in memory: the request's head and the cached keys. A request the
     * lane cannot serve after all reaches {@link #answer} on a virtual thread with its body read.
     */
    boolean takeOnIoThread(HttpServerExchange exchange, Executor virtualThreads) {
        if (lane == null || !lane.mayTake(exchange)) {
            return false;
        }
        Optional<KeyRecord> key;
        try {
            key = authenticator.cachedValid(ApiKeyExtractor.extract(exchange.getRequestHeaders()),
                    KeyScope.INFERENCE);
        } catch (ApiException e) {
            return false;
        }
        if (key.isEmpty()) {
            return false;
        }
        String requestId = RequestIds.assign(exchange);
        lane.relay(exchange, key.get(), requestId, (taken, body) -> exchange.dispatch(virtualThreads,
                () -> answer(exchange, requestId, key.get(), body)));
        return true;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        answer(exchange, RequestIds.assign(exchange), null, null);
    }

    /**
     * Answers the request, or relays it: with the key and body already read when they are given,
     * else after routing it.
     */
    private void answer(HttpServerExchange exchange, String requestId, @Nullable KeyRecord readKey,
            byte @Nullable [] readBody) {
        boolean relayed = false;
        try {
            KeyRecord relayKey = readKey != null ? readKey : route(exchange);
            if (relayKey != null) {
                relayed = true;
                relay.handle(exchange, relayKey, requestId, readBody);
            }
        } catch (ApiException e) {
            LOG.debug("Request refused request={} status={} reason={}", requestId, e.status(), e.getMessage());
            Responses.error(exchange, e);
        } catch (RuntimeException e) {
            Responses.error(exchange, failure(exchange, requestId, e));
        }
        // Counted before the reply ends, as the relay's usage event is, so a client that has its
        // answer never finds it missing from /metrics.
        String path = exchange.getRequestPath();
        if (!relayed && !path.equals("/health") && !path.equals("/ready") && !path.equals("/metrics")) {
            metrics.recordAnswered(path, exchange.getStatusCode());
        }
        ExchangeIo.finish(exchange);
    }

    /** What a failure of the gateway itself answers: 503 while the database is unavailable, else 500. */
    private static ApiException failure(HttpServerExchange exchange, String requestId, RuntimeException e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warn("Request failed, database unavailable request={} path={} error={}", requestId,
                    exchange.getRequestPath(), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return new ApiException(503, "server_error", "database_unavailable", null,
                    "The gateway's database is unavailable for now; try again shortly (request id " + requestId
                            + ")", Map.of("Retry-After", "5"));
        }
        LOG.error("Request failed request={} path={}", requestId, exchange.getRequestPath(), e);
        return new ApiException(500, "server_error", null, null,
                "The gateway failed to handle this request; quote request id " + requestId);
    }

    /** Answers the request, or returns the key to relay it with when it is for the relay. */
    private @Nullable KeyRecord route(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        if (path.equals("/health")) {
            Responses.json(exchange, 200, Map.of("status", "ok"));
            return null;
        }
        if (path.equals("/metrics") && metrics.enabled()) {
            requireMethod(method, "GET");
            metricsEndpoint.handle(exchange);
            return null;
        }
        if (path.equals("/ready")) {
            ready(exchange);
            return null;
        }
        if (AdminApi.serves(path)) {
            admin.handle(exchange);
            return null;
        }
        if (!path.startsWith("/v1/")) {
            throw unknownRoute(method, path);
        }
        KeyRecord key = authenticator.authenticate(ApiKeyExtractor.extract(exchange.getRequestHeaders()),
                KeyScope.INFERENCE);
        if (BlockedRoutes.isBlocked(path, method)) {
            throw new ApiException(403, "invalid_request_error", "endpoint_not_relayed", null, "This gateway does "
                    + "not relay " + method + " " + path + ": objects stored at the provider are shared by every "
                    + "tenant of the gateway's upstream account");
        }
        if (path.equals("/v1/models") || ModelsHandler.isRetrieve(path)) {
            requireMethod(method, "GET");
            if (path.equals("/v1/models")) {
                models.list(exchange, key);
            } else {
                models.retrieve(exchange, key);
            }
            return null;
        }
        if (RelayHandler.serves(path)) {
            requireMethod(method, "POST");
            return key;
        }
        throw unknownRoute(method, path);
    }

    private void ready(HttpServerExchange exchange) {
        Optional<String> reason = readiness.unreadyReason();
        if (reason.isEmpty()) {
            Responses.json(exchange, 200, Map.of("status", "ready"));
        } else {
            LOG.debug("Not ready reason={}", reason.get());
            Responses.json(exchange, 503, Map.of("status", "unready", "reason", reason.get()));
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + method + " is not allowed here; use " + allowed, Map.of("Allow", allowed));
        }
    }

    private static ApiException unknownRoute(String method, String path) {
        // The path is the client's input, echoed: long ones are shortened.
        String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return ApiException.notFound("unknown_url", "Invalid URL (" + method + " " + shown + ")");
    }
}
