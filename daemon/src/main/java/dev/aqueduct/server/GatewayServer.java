package dev.aqueduct.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Undertow accepts on its I/O threads; a relay request the fast lane can serve
 * stays on its I/O thread, and every other request goes to a fresh virtual thread, where
 * everything after is plain blocking code. Stopping refuses new requests
 * and waits, up to a limit, for open ones to finish.
 */
final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Undertow's own buffer size for a machine with more than 128 MiB of heap. */
    private static final int BUFFER_BYTES = 16 * 1024;
    /** How long a stop waits for the 503s of requests that came while it waited for the open ones. */
    private static final long REFUSALS_GRACE_MILLIS = 2_000;
    /** Free buffers kept for reuse: 16 MiB of them. */
    private static final int POOLED_BUFFERS = 1024;

    private final String host;
    private final int port;
    private final Undertow undertow;
    private final GracefulShutdownHandler shutdown;
    private final AtomicInteger refusals = new AtomicInteger();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param maxEntityBytes the most body bytes Undertow reads from one request before cutting
     *     the connection: the handlers' own limit plus what they may read to discard
     */
    GatewayServer(String host, int port, long maxEntityBytes, GatewayRoutes routes) {
        this.host = host;
        this.port = port;
        // "Expect: 100-continue" is answered when a handler first reads the body, so a request
        // refused before that gets its refusal instead of an invitation to send the body.
        HttpHandler continuing = new HttpContinueReadHandler(routes);
        HttpHandler dispatching = exchange -> {
            if (!routes.takeOnIoThread(exchange, virtualThreads)) {
                exchange.dispatch(virtualThreads, continuing);
            }
        };
        this.shutdown = new GracefulShutdownHandler(dispatching);
        // Refusals are counted too, so that the server stops only once they are answered.
        HttpHandler refusing = exchange -> {
            refusals.incrementAndGet();
            exchange.addExchangeCompleteListener((done, next) -> {
                refusals.decrementAndGet();
                next.proceed();
            });
            StoppingHandler.refuse(exchange);
        };
        HttpHandler root = exchange -> (stopping.get() ? refusing : shutdown).handleRequest(exchange);
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setByteBufferPool(bufferPool())
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(4)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntityBytes)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                .setHandler(root)
                .build();
    }

    /**
     * Undertow's buffer pool, shared by all threads without per-thread caches: a buffer freed on
     * a request's virtual thread would go to that thread's cache and die with it. Up to
     * {@link #POOLED_BUFFERS} free buffers are kept; a pool that keeps none allocates, zeroes and
     * frees a direct buffer for every read and write.
     */
    private static ByteBufferPool bufferPool() {
        return new DefaultByteBufferPool(true, BUFFER_BYTES, POOLED_BUFFERS, 0);
    }

    void start() {
        try {
            undertow.start();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ServerStartException("Cannot listen on " + host + ":" + port + ": " + cause.getMessage()
                    + "; check server.host and server.port", e);
        }
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /** Refuses new requests, waits up to {@code grace} for open ones, then stops listening. */
    void stop(Duration grace) {
        stopping.set(true);
        shutdown.shutdown();
        try {
            if (!shutdown.awaitShutdown(grace.toMillis())) {
                LOG.warn("Stopping with requests still open grace_seconds={}", grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitRefusals();
        undertow.stop();
        virtualThreads.shutdown();
        try {
            virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits, up to {@link #REFUSALS_GRACE_MILLIS}, until every request refused since the stop
     * began has its 503, looking every few milliseconds: a stop happens once, and the wait is
     * short.
     */
    private void awaitRefusals() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSALS_GRACE_MILLIS);
        while (refusals.get() > 0 && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
