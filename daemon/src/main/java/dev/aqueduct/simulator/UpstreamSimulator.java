package dev.aqueduct.simulator;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible fake provider on a real socket, for tests and as the baseline of
 * benchmarks: the same answers every time, without a network or a bill.
 *
 * <p>It serves chat completions, completions, embeddings, responses, audio, images, moderations
 * and models under {@code /v1}. A request may add a {@code "simulator"} object to its JSON body
 * (or a {@code simulator} form field to a multipart upload) to change its own answer:
 * {@code {"chunks": 50, "chunk_delay_ms": 5, "fault": "status:503"}}. Faults are
 * {@code status:N}, {@code delay_headers_ms:N}, {@code drop_mid_stream}, {@code split_utf8},
 * {@code gzip}, {@code reset} and {@code no_usage}; {@code fault} also takes an array of them.
 *
 * <p>Handlers never block an I/O thread: bodies are read asynchronously and streams are paced
 * with the I/O thread's timer, so thousands of slow streams cost no threads.
 */
public final class UpstreamSimulator implements AutoCloseable {
    /** The largest request body read: larger than any gateway's default limit. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamSimulator.class);
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 2000;

    private final Undertow server;
    private final RequestLog log;
    private final int port;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UpstreamSimulator(Undertow server, RequestLog log, SimulatorOptions options) {
        this.server = server;
        this.log = log;
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().getFirst().getAddress();
        this.port = address.getPort();
        this.baseUrl = URI.create("http://" + hostForUrl(options.host()) + ":" + port + "/v1");
    }

    /**
     * Binds the host and port of {@code options} and starts answering.
     *
     * @throws SimulatorException when the address cannot be bound, for example a port in use
     */
    public static UpstreamSimulator start(SimulatorOptions options) {
        RequestLog log = new RequestLog();
        Undertow server = Undertow.builder()
                .addHttpListener(options.port(), options.host())
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, SHUTDOWN_TIMEOUT_MILLIS)
                // Bodies as large as a gateway may relay; Undertow's own default cuts them at a few MiB.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
                // Answers "Expect: 100-continue" (curl sends it for large uploads) when the body is read.
                .setHandler(new HttpContinueReadHandler(new SimulatorHandler(options, log)))
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new SimulatorException("Simulator could not listen host=" + options.host()
                    + " port=" + options.port() + ": " + rootMessage(e), e);
        }
        UpstreamSimulator simulator = new UpstreamSimulator(server, log, options);
        LOG.debug("Simulator started url={} options={}", simulator.baseUrl, options);
        return simulator;
    }

    /** The bound port, which is the free one picked when the options asked for port 0. */
    public int port() {
        return port;
    }

    /** Where an OpenAI client points its base URL, such as {@code http://127.0.0.1:9090/v1}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The last 1000 requests, oldest first, including rejected and faulted ones. */
    public List<RecordedRequest> requests() {
        return log.recent();
    }

    /**
     * The newest request.
     *
     * @throws IllegalStateException when no request has arrived yet
     */
    public RecordedRequest lastRequest() {
        return log.last();
    }

    /** How many requests have arrived since the start, beyond the 1000 kept. */
    public int requestCount() {
        return log.count();
    }

    /** Stops listening and drops open connections, streams included. Calling it twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop();
            LOG.debug("Simulator stopped url={}", baseUrl);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
