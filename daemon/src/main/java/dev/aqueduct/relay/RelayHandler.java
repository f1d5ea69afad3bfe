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
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the model endpoints under {@code /v1}: reads and routes the request, tries the model's
 * deployments in order until one answers, relays the answer and records one usage event,
 * whatever the outcome.
 */
public final class RelayHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** How much of an oversized body is read and thrown away so the client still sees its 413. */
    public static final long DISCARD_LIMIT_BYTES = BodyReader.DISCARD_LIMIT;
    private static final Set<Integer> TRY_NEXT_STATUSES = Set.of(429, 500, 502, 503, 504);

    private final ModelCatalog catalog;
    private final UpstreamClient upstream;
    private final Consumer<UsageEvent> usageSink;
    private final long maxBodyBytes;
    private final FailoverListener failovers;

    /**
     * A relay that hands each request's usage event to {@code usageSink} and tells
     * {@code failovers} each time a deployment is passed over.
     */
    public RelayHandler(ModelCatalog catalog, UpstreamClient upstream, Consumer<UsageEvent> usageSink,
            long maxBodyBytes, FailoverListener failovers) {
        this.catalog = catalog;
        this.upstream = upstream;
        this.usageSink = usageSink;
        this.maxBodyBytes = maxBodyBytes;
        this.failovers = failovers;
    }

    /** Whether {@code path} is a model endpoint this handler relays. */
    public static boolean serves(String path) {
        return Endpoint.forPath(path).isPresent();
    }

    /** The paths of every model endpoint this handler relays, such as {@code /v1/chat/completions}. */
    public static List<String> paths() {
        return Arrays.stream(Endpoint.values()).map(Endpoint::path).toList();
    }

    /** Relays one request made with {@code key}; the request id must already be assigned. */
    public void handle(HttpServerExchange exchange, KeyRecord key, String requestId) {
        handle(exchange, key, requestId, null);
    }

    /**
     * Relays one request made with {@code key} whose JSON body, when not null, was already read;
     * the request id must already be assigned.
     */
    public void handle(HttpServerExchange exchange, KeyRecord key, String requestId, byte @Nullable [] readBody) {
        Endpoint endpoint = Endpoint.forPath(exchange.getRequestPath()).orElseThrow();
        RelayExchange relay = RelayExchange.arrived(exchange, key, requestId, endpoint);
        try {
            if (endpoint.body() == Endpoint.Body.MULTIPART) {
                new MultipartRelay(this, exchange, relay, maxBodyBytes).relay();
            } else {
                relayJson(exchange, relay, readBody);
            }
        } catch (ApiException e) {
            relay.status(e.status());
            throw e;
        } catch (ClientGoneException e) {
            relay.status(RelayExchange.CLIENT_CLOSED);
            LOG.debug("Client went away request={}", requestId);
        } catch (UpstreamBrokeException e) {
            relay.status(502);
            LOG.info("Upstream broke mid-response request={} reason={}", requestId, e.getCause().getMessage());
            new ClientOutput(exchange, relay).abort();
        } catch (UncheckedIOException e) {
            relay.status(RelayExchange.CLIENT_CLOSED);
            LOG.debug("Client stopped sending request={}", requestId);
            ExchangeIo.closeConnection(exchange);
        } catch (RuntimeException e) {
            relay.status(500);
            throw e;
        } finally {
            usageSink.accept(relay.toEvent());
        }
    }

    private void relayJson(HttpServerExchange exchange, RelayExchange relay, byte @Nullable [] readBody) {
        byte[] body = readBody != null ? readBody : BodyReader.read(exchange, maxBodyBytes);
        InspectedRequest request = RequestInspector.inspect(body);
        Model model = resolve(request.model(), relay);
        relay.promptEstimate(() -> TokenEstimator.promptTokens(body));
        boolean forceUsage = relay.endpoint().asksForUsage(request);
        sendWithFailover(exchange, relay, model.deployments(), deployment -> RequestBody.create(
                BodyRewriter.rewrite(body, request, deployment.upstreamModel(), forceUsage), JSON),
                request.stream() ? UpstreamClient.Timing.BETWEEN_READS : UpstreamClient.Timing.WHOLE_CALL,
                forceUsage);
    }

    Model resolve(String requested, RelayExchange relay) {
        Model model = catalog.resolve(requested, relay.key())
                .orElseThrow(() -> ModelCatalog.unknownModel(requested));
        relay.model(model.name());
        return model;
    }

    /**
     * Sends the request to each deployment in turn until one answers with something other than
     * an overload or outage, then relays that answer. Only failures before the first byte
     * reaches the client are retried, so a client never sees two answers.
     */
    void sendWithFailover(HttpServerExchange exchange, RelayExchange relay, List<Deployment> deployments,
            Function<Deployment, RequestBody> bodyFor, UpstreamClient.Timing timing, boolean stripUsage) {
        @Nullable IOException lastFailure = null;
        Deployment failed = deployments.getFirst();
        for (int i = 0; i < deployments.size(); i++) {
            Deployment deployment = deployments.get(i);
            boolean last = i == deployments.size() - 1;
            relay.deployment(deployment.label());
            Request.Builder request = new Request.Builder();
            HeaderPolicy.copyClientHeaders(exchange.getRequestHeaders(), request);
            UpstreamCall call = upstream.newCall(deployment, relay.endpoint().upstreamPath(),
                    bodyFor.apply(deployment), request, timing);
            long start = System.nanoTime();
            try (call; Response response = call.execute()) {
                relay.waitedUpstream(System.nanoTime() - start);
                relay.upstreamCall(call);
                refuseInterimAnswer(response.code());
                if (passesOver(relay, deployment, response.code(), last, failovers)) {
                    continue;
                }
                ResponseRelay.relay(exchange, relay, response, stripUsage, deployment.provider().apiKey());
                return;
            } catch (IOException e) {
                relay.waitedUpstream(System.nanoTime() - start);
                lastFailure = e;
                failed = deployment;
                LOG.info("Upstream failed request={} deployment={} reason={}", relay.requestId(),
                        deployment.label(), e.toString());
                if (!isConnectFailure(e)) {
                    break;
                }
                if (!last) {
                    failovers.passedOver(deployment.label());
                }
            }
        }
        throw upstreamFailure(lastFailure, failed);
    }

    /**
     * Refuses a final answer of 1xx (such as 101, or 100 with nothing after it): it is not HTTP
     * a client can use.
     */
    static void refuseInterimAnswer(int status) throws ProtocolException {
        if (status < 200) {
            throw new ProtocolException("the provider answered with status " + status);
        }
    }

    /**
     * Whether an answer with {@code status} is passed over for the next deployment: an overload
     * or outage from any deployment but the last. Logs and counts the failover when it is.
     */
    static boolean passesOver(RelayExchange relay, Deployment deployment, int status, boolean last,
            FailoverListener failovers) {
        if (last || !TRY_NEXT_STATUSES.contains(status)) {
            return false;
        }
        LOG.info("Upstream refused, trying next deployment request={} deployment={} status={}", relay.requestId(),
                deployment.label(), status);
        failovers.passedOver(deployment.label());
        return true;
    }

    /** Whether the request never reached the provider, so sending it elsewhere cannot run it twice. */
    static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || isConnectTimeout(e);
    }

    private static boolean isConnectTimeout(IOException e) {
        String message = e.getMessage();
        return e instanceof SocketTimeoutException && message != null
                && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    static ApiException upstreamFailure(@Nullable IOException failure, Deployment deployment) {
        // A read that timed out is a SocketTimeoutException; a whole call that did, its parent.
        if (failure instanceof InterruptedIOException) {
            ProviderConfig provider = deployment.provider();
            int seconds = isConnectTimeout(failure) ? provider.connectTimeoutSeconds() : provider.timeoutSeconds();
            return new ApiException(504, "server_error", "upstream_timeout", null,
                    "The upstream provider did not answer within " + seconds + " seconds");
        }
        return new ApiException(502, "server_error", "upstream_unreachable", null,
                "The upstream provider could not be reached or dropped the connection");
    }
}
