package dev.aqueduct.relay;

import dev.aqueduct.config.ProviderConfig;
import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.models.Deployment;
import dev.aqueduct.models.Model;
import dev.aqueduct.models.ModelCatalog;
import dev.aqueduct.usage.UsageEvent;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * The fast lane of the relay: a JSON request whose key is already known and whose deployments
 * all speak plain HTTP is relayed on its connection's I/O thread, end to end, without a thread
 * switch: the provider's connection is kept alive by that same thread. Everything else (a key to
 * look up, an upload, a large body, a TLS provider, a request the relay refuses) goes to the
 * blocking relay on a virtual thread, which answers it exactly as before.
 */
public final class FastLane {
    /** Bodies up to this size are read on the I/O thread; larger ones go the blocking way. */
    static final long MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FastLane.class);

    /** Where a request goes that the lane hands back, with its body already read. */
    public interface Fallback {
        void relay(HttpServerExchange exchange, byte[] body);
    }

    private final ModelCatalog catalog;
    private final Consumer<UsageEvent> usageSink;
    private final FailoverListener failovers;
    private final long maxBodyBytes;
    private final Duration clientTimeout;
    private final Map<String, UpstreamOrigin> origins = new HashMap<>();
    private final Map<XnioIoThread, UpstreamPool> pools = new ConcurrentHashMap<>();

    /** A lane for the catalog's plain-HTTP providers, recording usage and failovers as the blocking relay does. */
    public FastLane(ModelCatalog catalog, Consumer<UsageEvent> usageSink, FailoverListener failovers,
            long maxBodyBytes) {
        this(catalog, usageSink, failovers, maxBodyBytes, ExchangeIo.CLIENT_TIMEOUT);
    }

    /** Like the public constructor, with {@code clientTimeout} as the longest wait for a request's body. */
    FastLane(ModelCatalog catalog, Consumer<UsageEvent> usageSink, FailoverListener failovers, long maxBodyBytes,
            Duration clientTimeout) {
        this.catalog = catalog;
        this.usageSink = usageSink;
        this.failovers = failovers;
        this.maxBodyBytes = maxBodyBytes;
        this.clientTimeout = clientTimeout;
        for (Model model : catalog.models()) {
            for (Deployment deployment : model.deployments()) {
                ProviderConfig provider = deployment.provider();
                if (!origins.containsKey(provider.name())) {
                    UpstreamOrigin.of(provider).ifPresent(origin -> origins.put(provider.name(), origin));
                }
            }
        }
    }

    /**
     * Whether the request may be taken here, judged by its method, path and headers alone: a
     * POST to a JSON model endpoint with a declared length within bounds, not waiting for
     * {@code 100 Continue}.
     */
    public boolean mayTake(HttpServerExchange exchange) {
        if (origins.isEmpty() || !exchange.getRequestMethod().equals(Methods.POST)) {
            return false;
        }
        Optional<Endpoint> endpoint = Endpoint.forPath(exchange.getRequestPath());
        long length = exchange.getRequestContentLength();
        return endpoint.isPresent() && endpoint.get().body() == Endpoint.Body.JSON
                && length >= 0 && length <= Math.min(MAX_BODY_BYTES, maxBodyBytes)
                && !exchange.getRequestHeaders().contains(Headers.EXPECT);
    }

    /**
     * Reads the body and relays the request on this I/O thread, or hands it to {@code fallback}
     * when the lane cannot serve it. The request id must already be assigned. A client that has
     * not sent the whole body within the client timeout is gone, as on the blocking way: its
     * request is recorded with status 499 and its connection closed.
     */
    public void relay(HttpServerExchange exchange, KeyRecord key, String requestId, Fallback fallback) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> new BodyWait(exchange, key, requestId, fallback).start());
    }

    /**
     * The wait for one request's body: whichever comes first of the body, the client's failure
     * and the deadline settles it. A body already there settles it at once, with no timer.
     */
    private final class BodyWait {
        private final HttpServerExchange exchange;
        private final KeyRecord key;
        private final String requestId;
        private final Fallback fallback;
        private XnioExecutor.@Nullable Key deadline;
        private boolean settled;

        BodyWait(HttpServerExchange exchange, KeyRecord key, String requestId, Fallback fallback) {
            this.exchange = exchange;
            this.key = key;
            this.requestId = requestId;
            this.fallback = fallback;
        }

        void start() {
            exchange.getRequestReceiver().receiveFullBytes(
                    (done, body) -> {
                        if (settle()) {
                            // A body that arrived after the head is handed over inside Undertow's own
                            // call, which ends the exchange when it returns unless it is dispatched.
                            done.dispatch(SameThreadExecutor.INSTANCE,
                                    () -> FastLane.this.start(done, key, requestId, body, fallback));
                        }
                    },
                    (failed, e) -> {
                        if (settle()) {
                            clientStoppedSending(failed, key, requestId);
                        }
                    });
            if (!settled) {
                try {
                    deadline = exchange.getIoThread().executeAfter(() -> {
                        if (settle()) {
                            clientStoppedSending(exchange, key, requestId);
                        }
                    }, clientTimeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // The I/O thread is stopping with the server, which closes every connection it holds.
                    deadline = null;
                }
            }
        }

        private boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            if (deadline != null) {
                deadline.remove();
            }
            return true;
        }
    }

    private void start(HttpServerExchange exchange, KeyRecord key, String requestId, byte[] body,
            Fallback fallback) {
        Endpoint endpoint = Endpoint.forPath(exchange.getRequestPath()).orElseThrow();
        InspectedRequest request;
        Model model;
        try {
            request = RequestInspector.inspect(body);
            model = catalog.resolve(request.model(), key).orElse(null);
        } catch (ApiException e) {
            model = null;
            request = null;
        }
        if (request == null || model == null || !servesAll(model)) {
            fallback.relay(exchange, body);
            return;
        }
        RelayExchange relay = RelayExchange.arrived(exchange, key, requestId, endpoint);
        relay.model(model.name());
        relay.promptEstimate(() -> TokenEstimator.promptTokens(body));
        boolean forceUsage = endpoint.asksForUsage(request);
        new FastLaneRelay(this, exchange, relay, model.deployments(), body, request, forceUsage).start();
    }

    private void clientStoppedSending(HttpServerExchange exchange, KeyRecord key, String requestId) {
        LOG.debug("Client stopped sending request={}", requestId);
        RelayExchange relay = RelayExchange.arrived(exchange, key, requestId,
                Endpoint.forPath(exchange.getRequestPath()).orElseThrow());
        relay.status(RelayExchange.CLIENT_CLOSED);
        usageSink.accept(relay.toEvent());
        ExchangeIo.closeConnection(exchange);
    }

    /** Whether every deployment of the model is a plain-HTTP provider whose address is known. */
    private boolean servesAll(Model model) {
        for (Deployment deployment : model.deployments()) {
            @Nullable UpstreamOrigin origin = origins.get(deployment.provider().name());
            if (origin == null || origin.address() == null) {
                return false;
            }
        }
        return true;
    }

    UpstreamOrigin origin(ProviderConfig provider) {
        return origins.get(provider.name());
    }

    UpstreamPool pool(XnioIoThread thread) {
        return pools.computeIfAbsent(thread, UpstreamPool::new);
    }

    Consumer<UsageEvent> usageSink() {
        return usageSink;
    }

    FailoverListener failovers() {
        return failovers;
    }
}
