package dev.aqueduct.server;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.RequestIds;
import dev.aqueduct.http.Responses;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * Answers requests that arrive while the daemon stops: 503 in the OpenAI shape with
 * {@code Retry-After}, so clients and load balancers retry elsewhere, and the connection is
 * closed so the client does not send its next request here.
 */
final class StoppingHandler {
    private StoppingHandler() {
    }

    /** Answers on the exchange's I/O thread, without waiting on anything: a stop needs no other thread. */
    static void refuse(HttpServerExchange exchange) {
        RequestIds.assign(exchange);
        exchange.setPersistent(false);
        Responses.sendFromIoThread(exchange, new ApiException(503, "server_error", "gateway_stopping", null,
                "This gateway is shutting down; retry the request", Map.of("Retry-After", "1")));
    }
}
