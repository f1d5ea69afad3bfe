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
import dev.aqueduct.models.ModelsHandler;
import dev.aqueduct.relay.RelayHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request, on a virtual thread: health and readiness first, the admin API under
 * {@code /admin/v1} (which checks its own credentials), then the API key for everything under
 * {@code /v1}, then the endpoint. Every reply carries {@code x-request-id}, and every
 * failure reaches the client in the OpenAI error shape.
 */
final class GatewayRoutes implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);

    private final KeyAuthenticator authenticator;
    private final ModelsHandler models;
    private final RelayHandler relay;
    private final ReadinessCheck readiness;
    private final AdminApi admin;

    GatewayRoutes(KeyAuthenticator authenticator, ModelsHandler models, RelayHandler relay,
            ReadinessCheck readiness, AdminApi admin) {
        this.authenticator = authenticator;
        this.models = models;
        this.relay = relay;
        this.readiness = readiness;
        this.admin = admin;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String requestId = RequestIds.assign(exchange);
        try {
            route(exchange, requestId);
        } catch (ApiException e) {
            LOG.debug("Request refused request={} status={} reason={}", requestId, e.status(), e.getMessage());
            Responses.error(exchange, e);
        } catch (RuntimeException e) {
            LOG.error("Request failed request={} path={}", requestId, exchange.getRequestPath(), e);
            Responses.error(exchange, new ApiException(500, "server_error", null, null,
                    "The gateway failed to handle this request; quote request id " + requestId));
        }
        ExchangeIo.finish(exchange);
    }

    private void route(HttpServerExchange exchange, String requestId) {
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        if (path.equals("/health")) {
            Responses.json(exchange, 200, Map.of("status", "ok"));
            return;
        }
        if (path.equals("/ready")) {
            ready(exchange);
            return;
        }
        if (AdminApi.serves(path)) {
            admin.handle(exchange);
            return;
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
        } else if (RelayHandler.serves(path)) {
            requireMethod(method, "POST");
            relay.handle(exchange, key, requestId);
        } else {
            throw unknownRoute(method, path);
        }
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
