package dev.aqueduct.simulator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The root handler: reads the whole body without blocking, records the request, checks the API
 * key, applies the request's faults and hands it to the {@link Router}.
 */
final class SimulatorHandler implements HttpHandler {
    /** Reads request bodies; one string may be as long as the largest body the simulator takes. */
    private static final ObjectMapper BODIES = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength((int) UpstreamSimulator.MAX_BODY_BYTES).build())
            .build());
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorHandler.class);
    private static final HttpString REQUEST_ID = HttpString.tryFromString("x-request-id");

    private final SimulatorOptions options;
    private final RequestLog log;
    private final Router router;
    private final @Nullable String expectedAuthorization;
    private final AtomicLong sequence = new AtomicLong();

    SimulatorHandler(SimulatorOptions options, RequestLog log) {
        this.options = options;
        this.log = log;
        this.router = new Router(options);
        this.expectedAuthorization = options.apiKey() == null ? null : "Bearer " + options.apiKey();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes(this::received, SimulatorHandler::unreadable);
    }

    private void received(HttpServerExchange exchange, byte[] body) {
        log.record(exchange, body);
        long number = sequence.incrementAndGet();
        exchange.getResponseHeaders().put(REQUEST_ID, "req_sim" + number);
        LOG.debug("Simulator request method={} path={} bytes={}",
                exchange.getRequestMethod(), exchange.getRequestPath(), body.length);
        ApiRequest request;
        try {
            checkAuthorization(exchange);
            request = parse(exchange, body, number);
        } catch (ApiError e) {
            ReplySender.error(exchange, e);
            return;
        }
        long delay = request.directives().headerDelayMillis();
        if (delay > 0) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> respondLater(exchange, request, delay));
        } else {
            respond(exchange, request);
        }
    }

    private void respondLater(HttpServerExchange exchange, ApiRequest request, long delayMillis) {
        try {
            exchange.getIoThread().executeAfter(() -> respond(exchange, request), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The simulator is closing and its I/O thread takes no more timers.
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void respond(HttpServerExchange exchange, ApiRequest request) {
        Directives directives = request.directives();
        if (directives.has(Fault.RESET)) {
            LOG.debug("Simulated reset path={}", exchange.getRequestPath());
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        try {
            if (directives.failStatus() > 0) {
                throw simulatedFailure(directives.failStatus());
            }
            Reply reply = router.answer(exchange.getRequestMethod().toString(), exchange.getRequestPath(), request);
            ReplySender.send(exchange, reply, directives);
        } catch (ApiError e) {
            ReplySender.error(exchange, e);
        } catch (RuntimeException e) {
            LOG.error("Simulator request failed path={}", exchange.getRequestPath(), e);
            ReplySender.error(exchange, new ApiError(500, "The simulator failed: " + e, null, null));
        }
    }

    private void checkAuthorization(HttpServerExchange exchange) {
        if (expectedAuthorization == null) {
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null) {
            throw new ApiError(401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null);
        }
        if (!authorization.equals(expectedAuthorization)) {
            throw new ApiError(401, "Incorrect API key provided.", null, "invalid_api_key");
        }
    }

    private ApiRequest parse(HttpServerExchange exchange, byte[] body, long number) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        JsonNode json;
        List<FilePart> files = List.of();
        if (MultipartForm.isMultipart(contentType)) {
            MultipartForm form = MultipartForm.parse(body, contentType);
            json = formFields(form.fields());
            files = form.files();
        } else if (body.length == 0) {
            json = JsonBytes.object();
        } else {
            json = jsonObject(body);
        }
        long created = System.currentTimeMillis() / 1000;
        return new ApiRequest(json, files, Directives.from(json, options), number, created);
    }

    /** A form's text fields as a JSON object; the {@code simulator} field holds JSON itself. */
    private static JsonNode formFields(Map<String, String> fields) {
        ObjectNode json = JsonBytes.object();
        fields.forEach(json::put);
        String directives = fields.get(Directives.FIELD);
        if (directives != null) {
            json.set(Directives.FIELD, jsonObject(directives.getBytes(StandardCharsets.UTF_8)));
        }
        return json;
    }

    private static JsonNode jsonObject(byte[] body) {
        try {
            JsonNode json = BODIES.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            LOG.debug("Simulator got unreadable JSON reason={}", e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading JSON from memory failed", e);
        }
        throw ApiError.badRequest("We could not parse the JSON body of your request. The OpenAI API expects a JSON "
                + "payload, but what was sent was not valid JSON.", null);
    }

    /** OpenAI's wording for the statuses that tests script most, a generic one otherwise. */
    private static ApiError simulatedFailure(int status) {
        return switch (status) {
            case 429 -> new ApiError(429, "Rate limit reached (simulated).", null, "rate_limit_exceeded");
            case 500 -> new ApiError(500, "The server had an error while processing your request (simulated).",
                    null, null);
            case 503 -> new ApiError(503, "The server is overloaded or not ready yet (simulated).", null, null);
            default -> new ApiError(status, "Simulated failure with status " + status + ".", null, null);
        };
    }

    private static void unreadable(HttpServerExchange exchange, IOException e) {
        LOG.debug("Simulator could not read a request body path={} reason={}", exchange.getRequestPath(), e.toString());
        IoUtils.safeClose(exchange.getConnection());
    }
}
