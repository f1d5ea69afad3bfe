package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aqueduct.config.ProviderConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * Kept-alive provider connections driven on a real I/O thread against a provider on a real
 * socket, which answers each request with one short event stream of declared length, written
 * at once, so that its last bytes arrive in the same read as its first.
 */
class UpstreamLinkTest {
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Content-Length: 12\r\n\r\ndata: done\n\n";
    /** Bounds a broken link's hang; a working one answers in milliseconds. */
    private static final long ANSWER_TIMEOUT_SECONDS = 20;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closeAfterAnswer;
    private ServerSocket provider;
    private XnioWorker worker;
    private XnioIoThread thread;
    private UpstreamPool pool;
    private UpstreamOrigin origin;

    @BeforeEach
    void start() throws IOException {
        provider = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
        worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        thread = worker.getIoThread();
        pool = new UpstreamPool(thread);
        origin = UpstreamOrigin.of(new ProviderConfig("p", URI.create("http://127.0.0.1:" + provider.getLocalPort()
                + "/v1"), null, 5, 5)).orElseThrow();
    }

    @AfterEach
    void stop() throws IOException {
        worker.shutdownNow();
        provider.close();
    }

    @Test
    void answersTheNextCallOnAConnectionWhoseLastCallPausedOnItsFinalBytes() throws Exception {
        Call first = new Call(true);
        Call second = new Call(false);

        first.start();
        assertThat(first.answered.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: done\n\n");
        second.start();

        assertThat(second.answered.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: done\n\n");
        assertThat(second.link).as("the kept-alive connection").isSameAs(first.link);
        assertThat(connections).hasValue(1);
        assertThat(requests).hasValue(2);
    }

    @Test
    void forgetsAConnectionTheProviderClosedAfterACallThatPausedOnItsFinalBytes() throws Exception {
        closeAfterAnswer = true;
        Call first = new Call(true);
        Call second = new Call(false);

        first.start();
        assertThat(first.answered.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: done\n\n");
        awaitClosed(first.link);
        second.start();

        assertThat(second.answered.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: done\n\n");
        assertThat(second.link).as("a new connection").isNotSameAs(first.link);
        assertThat(connections).hasValue(2);
    }

    private static void awaitClosed(UpstreamLink link) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (link.isOpen()) {
            assertThat(System.nanoTime() - deadline).as("the idle connection was closed").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * One call on a pooled connection. When {@code backedUp}, it pauses the connection's reads at
     * every body piece and never resumes them, as the relay does for a client that has not taken
     * what it was sent when the answer ends.
     */
    private final class Call implements UpstreamPool.Ready, UpstreamLink.Handler {
        private final boolean backedUp;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<String> answered = new CompletableFuture<>();
        private volatile UpstreamLink link;

        Call(boolean backedUp) {
            this.backedUp = backedUp;
        }

        void start() {
            thread.execute(() -> pool.acquire(origin, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    provider.getLocalPort()), 5, false, this));
        }

        @Override
        public void ready(UpstreamLink connection) {
            link = connection;
            connection.send(new ByteBuffer[] {ByteBuffer.wrap(origin.requestHead("/chat/completions", 2, "")),
                    ByteBuffer.wrap("{}".getBytes(StandardCharsets.US_ASCII))}, this);
        }

        @Override
        public void failed(IOException failure) {
            answered.completeExceptionally(failure);
        }

        @Override
        public void failed(IOException failure, boolean stale) {
            answered.completeExceptionally(failure);
        }

        @Override
        public void head(UpstreamHead head) {
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
            if (backedUp) {
                link.pauseReads();
            }
        }

        @Override
        public void readDone() {
            // Nothing to send on: the body is kept whole.
        }

        @Override
        public void end() {
            answered.complete(body.toString(StandardCharsets.US_ASCII));
        }
    }

    private void accept() {
        while (!provider.isClosed()) {
            try {
                Socket socket = provider.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers every request on the connection until the gateway closes it, or only the first one. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readRequest(in)) {
                requests.incrementAndGet();
                socket.getOutputStream().write(ANSWER.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException e) {
            // The connection is gone; nothing to answer.
        }
    }

    /** Reads one request's head and body; false when the connection ended first. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            head.write(next);
        }
        String length = head.toString(StandardCharsets.US_ASCII).lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("0");
        return in.readNBytes(Integer.parseInt(length)).length == Integer.parseInt(length);
    }
}
