package dev.aqueduct.relay;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import dev.aqueduct.http.Responses;
import dev.aqueduct.models.Deployment;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;

/**
 * One request relayed entirely on its connection's I/O thread, from a body already read to the
 * last byte of the answer: the deployments are tried in order as the blocking relay tries them,
 * the answer is relayed as it arrives through a {@link FastLaneAnswer}, and one usage event is
 * recorded whatever the outcome. Nothing here blocks: every step is a callback of the
 * connection pool, the provider's connection, the client's connection or a timer.
 */
final class FastLaneRelay implements UpstreamPool.Ready, UpstreamLink.Handler, ClientSink.Source {
    private static final Logger LOG = LoggerFactory.getLogger(FastLaneRelay.class);

    private final FastLane lane;
    private final HttpServerExchange exchange;
    private final RelayExchange relay;
    private final List<Deployment> deployments;
    private final byte[] body;
    private final InspectedRequest request;
    private final boolean stripUsage;
    private int attempt;
    private boolean retriedStale;
    private @Nullable UpstreamLink link;
    private @Nullable FastLaneAnswer answer;
    private XnioExecutor.Key timer = XnioExecutor.Key.IMMEDIATE;
    private long sentAt;
    private long lastReadAt;
    private long pausedAt;
    private boolean recorded;

    FastLaneRelay(FastLane lane, HttpServerExchange exchange, RelayExchange relay, List<Deployment> deployments,
            byte[] body, InspectedRequest request, boolean stripUsage) {
        this.lane = lane;
        this.exchange = exchange;
        this.relay = relay;
        this.deployments = deployments;
        this.body = body;
        this.request = request;
        this.stripUsage = stripUsage;
    }

    /** Sends the request to the first deployment. */
    void start() {
        try {
            send(false);
        } catch (RuntimeException e) {
            internalFailure(e);
        }
    }

    private Deployment deployment() {
        return deployments.get(attempt);
    }

    /** The timeout of the provider now being called. */
    private long timeoutNanos() {
        return TimeUnit.SECONDS.toNanos(deployment().provider().timeoutSeconds());
    }

    private boolean lastDeployment() {
        return attempt == deployments.size() - 1;
    }

    private void send(boolean fresh) {
        Deployment deployment = deployment();
        relay.deployment(deployment.label());
        UpstreamOrigin origin = lane.origin(deployment.provider());
        InetSocketAddress address = origin.address();
        if (address == null) {
            connectFailed(new UnknownHostException(deployment.provider().baseUrl().getHost()));
            return;
        }
        sentAt = System.nanoTime();
        lane.pool(exchange.getIoThread()).acquire(origin, address, deployment.provider().connectTimeoutSeconds(),
                fresh, this);
    }

    @Override
    public void ready(UpstreamLink connection) {
        link = connection;
        try {
            sendOn(connection);
        } catch (RuntimeException e) {
            internalFailure(e);
        }
    }

    private void sendOn(UpstreamLink connection) {
        Deployment deployment = deployment();
        byte[] upstreamBody = BodyRewriter.rewrite(body, request, deployment.upstreamModel(), stripUsage);
        byte[] head = lane.origin(deployment.provider()).requestHead(relay.endpoint().upstreamPath(),
                upstreamBody.length, HeaderPolicy.clientHeaderLines(exchange.getRequestHeaders()));
        lastReadAt = System.nanoTime();
        armTimer(timeoutNanos());
        connection.send(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(upstreamBody)}, this);
    }

    @Override
    public void failed(IOException failure) {
        connectFailed(failure);
    }

    private void connectFailed(IOException failure) {
        relay.waitedUpstream(System.nanoTime() - sentAt);
        logFailure(failure);
        if (RelayHandler.isConnectFailure(failure) && !lastDeployment()) {
            lane.failovers().passedOver(deployment().label());
            nextDeployment();
            return;
        }
        answerWith(RelayHandler.upstreamFailure(failure, deployment()));
    }

    @Override
    public void failed(IOException failure, boolean stale) {
        timer.remove();
        link = null;
        if (stale && !retriedStale && answer == null) {
            retriedStale = true;
            LOG.debug("Kept-alive provider connection was closed, sending again request={}", relay.requestId());
            send(true);
            return;
        }
        if (answer == null) {
            relay.waitedUpstream(System.nanoTime() - sentAt);
            logFailure(failure);
            answerWith(RelayHandler.upstreamFailure(failure, deployment()));
        } else {
            LOG.info("Upstream broke mid-response request={} reason={}", relay.requestId(), failure.getMessage());
            answer.broken();
        }
    }

    @Override
    public void head(UpstreamHead head) {
        try {
            relay.waitedUpstream(System.nanoTime() - sentAt);
            try {
                RelayHandler.refuseInterimAnswer(head.status());
            } catch (ProtocolException e) {
                dropLink();
                failed(e, false);
                return;
            }
            if (RelayHandler.passesOver(relay, deployment(), head.status(), lastDeployment(), lane.failovers())) {
                timer.remove();
                dropLink();
                nextDeployment();
                return;
            }
            answer = new FastLaneAnswer(this, exchange, relay, head, stripUsage, deployment().provider().apiKey());
            lastReadAt = System.nanoTime();
        } catch (RuntimeException e) {
            internalFailure(e);
        }
    }

    @Override
    public void body(byte[] bytes, int offset, int length) {
        FastLaneAnswer current = answer;
        if (current == null) {
            return;
        }
        long now = System.nanoTime();
        relay.waitedUpstream(now - lastReadAt);
        try {
            current.body(bytes, offset, length);
        } catch (RuntimeException e) {
            internalFailure(e);
            return;
        }
        lastReadAt = System.nanoTime();
    }

    @Override
    public void readDone() {
        FastLaneAnswer current = answer;
        if (current == null) {
            return;
        }
        try {
            current.readDone();
        } catch (RuntimeException e) {
            internalFailure(e);
            return;
        }
        if (current.backedUp() && link != null) {
            pausedAt = System.nanoTime();
            link.pauseReads();
        }
    }

    @Override
    public void end() {
        timer.remove();
        link = null;
        FastLaneAnswer current = answer;
        if (current != null) {
            try {
                current.end();
            } catch (RuntimeException e) {
                internalFailure(e);
            }
        }
    }

    @Override
    public void drained() {
        if (pausedAt != 0 && link != null) {
            // The wait was the client's: for a stream, the wait for the provider's next bytes
            // starts again now; a whole call stays bounded from when it was sent.
            lastReadAt = System.nanoTime();
            timer.remove();
            armTimer(timeoutNanos());
        }
        pausedAt = 0;
        if (link != null) {
            link.resumeReads();
        }
    }

    @Override
    public void clientGone(IOException failure) {
        LOG.debug("Client went away request={}", relay.requestId());
        timer.remove();
        dropLink();
        relay.status(RelayExchange.CLIENT_CLOSED);
        if (answer != null) {
            answer.countUsageSoFar();
        }
        record();
    }

    /** Records the request's usage event, once; called before the last byte of the answer goes out. */
    void record() {
        if (!recorded) {
            recorded = true;
            lane.usageSink().accept(relay.toEvent());
        }
    }

    /** Answers with the gateway's own error, when nothing of the provider's answer was sent. */
    void answerWith(ApiException error) {
        relay.status(error.status());
        record();
        Responses.sendFromIoThread(exchange, error);
    }

    /** Answers 502 for an answer the provider broke off before any of it was sent. */
    void answerCutShort() {
        answerWith(RelayHandler.upstreamFailure(new IOException("the provider's answer was cut short"),
                deployment()));
    }

    /** Moves on to the next deployment, which may again resend once on a stale connection. */
    private void nextDeployment() {
        attempt++;
        retriedStale = false;
        send(false);
    }

    private void dropLink() {
        if (link != null) {
            link.abort();
            link = null;
        }
    }

    private void logFailure(IOException failure) {
        LOG.info("Upstream failed request={} deployment={} reason={}", relay.requestId(), deployment().label(),
                failure.toString());
    }

    private void armTimer(long delayNanos) {
        try {
            timer = exchange.getIoThread().executeAfter(this::checkTime, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The I/O thread is stopping with the server, which closes every connection it holds.
            timer = XnioExecutor.Key.IMMEDIATE;
        }
    }

    /**
     * The provider's timeout: the whole call for an answer that comes whole, each wait for the
     * next bytes for a streamed one. While the client is the one not keeping up, its own timeout
     * applies instead.
     */
    private void checkTime() {
        if (recorded) {
            return;
        }
        long now = System.nanoTime();
        if (pausedAt != 0) {
            // Reading waits for the client, whose own deadline the sink keeps; the provider is not waited on.
            armTimer(timeoutNanos());
            return;
        }
        long due = (request.stream() ? lastReadAt : sentAt) + timeoutNanos();
        if (now - due < 0) {
            armTimer(due - now);
            return;
        }
        dropLink();
        InterruptedIOException timeout = new InterruptedIOException("timeout");
        if (answer == null) {
            relay.waitedUpstream(now - sentAt);
            logFailure(timeout);
            answerWith(RelayHandler.upstreamFailure(timeout, deployment()));
        } else {
            LOG.info("Upstream broke mid-response request={} reason=timeout", relay.requestId());
            answer.broken();
        }
    }

    private void internalFailure(RuntimeException e) {
        LOG.error("Request failed request={} path={}", relay.requestId(), relay.endpoint().path(), e);
        timer.remove();
        dropLink();
        relay.status(500);
        record();
        if (exchange.isResponseStarted()) {
            ExchangeIo.closeConnection(exchange);
        } else {
            exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
            Responses.sendFromIoThread(exchange, new ApiException(500, "server_error", null, null,
                    "The gateway failed to handle this request; quote request id " + relay.requestId()));
        }
    }
}
