package dev.aqueduct.admin;

import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One call of the admin API as its route sees it: the caller, path and query parameters, the body. */
final class AdminCall {
    private final HttpServerExchange exchange;
    private final Caller caller;
    private final Map<String, String> params;
    private final Instant now;

    AdminCall(HttpServerExchange exchange, Caller caller, Map<String, String> params, Instant now) {
        this.exchange = exchange;
        this.caller = caller;
        this.params = Map.copyOf(params);
        this.now = now;
    }

    Caller caller() {
        return caller;
    }

    /** When the call began, for stored times. */
    Instant now() {
        return now;
    }

    /** A path parameter of the route, such as {@code team_id}. */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter " + name);
        }
        return value;
    }

    /** A query parameter given once; given twice is a 400. */
    Optional<String> query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw AdminErrors.invalid(name, "Query parameter '" + name + "' is given " + values.size() + " times");
        }
        return Optional.of(values.getFirst());
    }

    /** A {@code true}/{@code false} query parameter, false when absent. */
    boolean flag(String name) {
        String value = query(name).orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AdminErrors.invalid(name, "Query parameter '" + name + "' must be true or false");
        };
    }

    /** The request body read strictly as {@code type}. */
    <T> T body(Class<T> type) {
        return JsonBodies.read(ExchangeIo.input(exchange), type);
    }

    /** A request header, or null. */
    @Nullable String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Whether the client asked for CSV in its {@code Accept} header. */
    boolean acceptsCsv() {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        return accept != null && accept.contains("text/csv");
    }

    /** The paging parameters: {@code limit} 1 to 200 (50 when absent) and {@code after}. */
    PageRequest page() {
        int limit = query("limit").map(AdminCall::limit).orElse(PageRequest.DEFAULT_LIMIT);
        return new PageRequest(limit, query("after").orElse(null));
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= PageRequest.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like an out-of-range number.
        }
        throw AdminErrors.invalid("limit", "'limit' must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
    }
}
