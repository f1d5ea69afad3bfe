package dev.aqueduct.simulator;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a stream's events without blocking: each write is flushed on its own, pauses run on the
 * I/O thread's timer, and a full socket resumes the writer when it drains. Everything happens on
 * the exchange's I/O thread, so no state is shared between threads.
 */
final class EventStreamWriter implements ChannelListener<StreamSinkChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamWriter.class);

    /** Bytes to write and flush together, after a pause. */
    record Write(byte[] bytes, long delayMillis) {
    }

    private final HttpServerExchange exchange;
    private final List<Write> writes;
    private final boolean dropAtEnd;
    private @Nullable StreamSinkChannel channel;
    private @Nullable ByteBuffer current;
    private int next;

    /**
     * @param writes what to send, in order
     * @param dropAtEnd close the connection after the writes instead of ending the stream cleanly
     */
    EventStreamWriter(HttpServerExchange exchange, List<Write> writes, boolean dropAtEnd) {
        this.exchange = exchange;
        this.writes = List.copyOf(writes);
        this.dropAtEnd = dropAtEnd;
    }

    void start() {
        channel = exchange.getResponseChannel();
        pump();
    }

    @Override
    public void handleEvent(StreamSinkChannel writable) {
        writable.suspendWrites();
        pump();
    }

    /** Writes until the socket is full, a pause is due, or nothing is left. */
    private void pump() {
        StreamSinkChannel sink = channel;
        if (sink == null || !sink.isOpen()) {
            return;
        }
        try {
            while (true) {
                if (current != null && !drain(sink, current)) {
                    sink.getWriteSetter().set(this);
                    sink.resumeWrites();
                    return;
                }
                current = null;
                if (next == writes.size()) {
                    finish(sink);
                    return;
                }
                Write write = writes.get(next++);
                current = ByteBuffer.wrap(write.bytes());
                if (write.delayMillis() > 0) {
                    exchange.getIoThread().executeAfter(this::pump, write.delayMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            }
        } catch (IOException e) {
            abort(e);
        } catch (RejectedExecutionException e) {
            // The simulator is closing and its I/O thread takes no more timers: end the stream abruptly.
            abort(e);
        }
    }

    /** Writes what is left of {@code buffer} and flushes it; false when the socket is full. */
    private static boolean drain(StreamSinkChannel sink, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (sink.write(buffer) == 0) {
                return false;
            }
        }
        return sink.flush();
    }

    private void finish(StreamSinkChannel sink) throws IOException {
        if (dropAtEnd) {
            LOG.debug("Simulated drop mid-stream path={}", exchange.getRequestPath());
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        sink.shutdownWrites();
        if (sink.flush()) {
            exchange.endExchange();
            return;
        }
        sink.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                flushed -> exchange.endExchange(), (failed, e) -> abort(e)));
        sink.resumeWrites();
    }

    private void abort(Exception e) {
        // A client that hangs up mid-stream is routine, not a problem of the simulator.
        LOG.debug("Stream ended early path={} reason={}", exchange.getRequestPath(), e.toString());
        IoUtils.safeClose(exchange.getConnection());
    }
}
