package dev.aqueduct.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One kept-alive connection to a provider, owned by one I/O thread, carrying one call at a time:
 * it writes the request without blocking and hands the answer, as it arrives, to the call's
 * handler. A connection whose answer was whole goes back to its pool; any other is closed. An
 * idle connection that the provider closes, or that receives anything, is closed and forgotten.
 */
final class UpstreamLink implements ResponseParser.Listener {
    /** The call's side: the answer's parts, or the failure that ended it. */
    interface Handler extends ResponseParser.Listener {
        /**
         * The call failed. {@code stale} when a reused connection failed before any answer came,
         * which is how a connection the provider had already closed shows: the request can be
         * sent again on a new one.
         */
        void failed(IOException failure, boolean stale);

        /** One read's worth of the answer has been handed over, and more is to come. */
        void readDone();
    }

    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final StreamConnection connection;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private final UpstreamPool pool;
    private final String originKey;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private @Nullable Handler handler;
    private @Nullable ResponseParser parser;
    private ByteBuffer @Nullable [] unsent;
    private boolean reused;
    private boolean paused;
    private long idleSince;

    UpstreamLink(StreamConnection connection, UpstreamPool pool, String originKey) {
        this.connection = connection;
        this.source = connection.getSourceChannel();
        this.sink = connection.getSinkChannel();
        this.pool = pool;
        this.originKey = originKey;
        source.setReadListener(channel -> readable());
        sink.setWriteListener(channel -> writeUnsent());
        connection.setCloseListener(closed -> pool.forget(this));
        source.resumeReads();
    }

    String originKey() {
        return originKey;
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Notes that the connection now waits in its pool. */
    void idle() {
        idleSince = System.nanoTime();
    }

    /** When the connection last went back to its pool. */
    long idleSince() {
        return idleSince;
    }

    /** Marks the connection as taken from the pool, so that a failure before any answer counts as stale. */
    void reuse() {
        reused = true;
    }

    /** Sends {@code request} and hands the answer to {@code callHandler}. */
    void send(ByteBuffer[] request, Handler callHandler) {
        this.handler = callHandler;
        this.parser = new ResponseParser(this);
        this.unsent = request;
        writeUnsent();
    }

    /** Stops reading the answer until {@link #resumeReads}, while the client catches up. */
    void pauseReads() {
        paused = true;
        source.suspendReads();
    }

    void resumeReads() {
        paused = false;
        source.resumeReads();
    }

    /** Ends the call and closes the connection, answer read or not. */
    void abort() {
        handler = null;
        IoUtils.safeClose(connection);
    }

    @Override
    public void head(UpstreamHead head) {
        if (handler != null) {
            handler.head(head);
        }
    }

    @Override
    public void body(byte[] bytes, int offset, int length) {
        if (handler != null) {
            handler.body(bytes, offset, length);
        }
    }

    @Override
    public void end() {
        // Handled once the parser returns, in complete(), so that the connection is back in its pool first.
    }

    private void writeUnsent() {
        ByteBuffer[] buffers = unsent;
        if (buffers == null || handler == null) {
            sink.suspendWrites();
            return;
        }
        try {
            while (buffers[buffers.length - 1].hasRemaining()) {
                if (sink.write(buffers) == 0) {
                    sink.resumeWrites();
                    return;
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        unsent = null;
        sink.suspendWrites();
    }

    private void readable() {
        while (!paused) {
            ResponseParser answer = parser;
            if (handler == null || answer == null) {
                closeIdle();
                return;
            }
            readBuffer.clear();
            int n;
            try {
                n = source.read(readBuffer);
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    answer.endOfInput();
                } else {
                    answer.feed(readBuffer.array(), 0, n);
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (handler != null && answer.done()) {
                complete(answer, n < 0);
                return;
            }
            if (handler != null) {
                handler.readDone();
            }
        }
    }

    /** An idle connection that has something to read was closed by the provider, or cannot be trusted. */
    private void closeIdle() {
        readBuffer.clear();
        try {
            if (source.read(readBuffer) == 0) {
                return;
            }
        } catch (IOException e) {
            // Closed below either way.
        }
        IoUtils.safeClose(connection);
    }

    private void complete(ResponseParser answer, boolean ended) {
        Handler done = handler;
        handler = null;
        parser = null;
        if (answer.reusable() && unsent == null && !ended) {
            reused = false;
            // The call may have paused reading on the answer's last bytes; an idle connection must
            // still notice the provider closing it, and the next call must read its answer.
            resumeReads();
            pool.release(this);
        } else {
            IoUtils.safeClose(connection);
        }
        if (done != null) {
            done.end();
        }
    }

    private void fail(IOException failure) {
        Handler failed = handler;
        boolean stale = reused && (parser == null || !parser.started());
        abort();
        if (failed != null) {
            failed.failed(failure, stale);
        }
    }
}
