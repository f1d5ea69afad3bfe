package dev.aqueduct.relay;

import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.xnio.channels.StreamSinkChannel;

/**
 * The client's side of a response relayed on the connection's I/O thread: writes never block.
 * What the client cannot take yet is held, and the source is told to pause until it is sent;
 * a failed write means the client went away.
 */
final class ClientSink {
    /** What the sink tells its source. */
    interface Source {
        /** Everything held has been sent: the source may go on. */
        void drained();

        /** The client went away. */
        void clientGone(IOException failure);
    }

    private final HttpServerExchange exchange;
    private final Source source;
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    private @Nullable StreamSinkChannel channel;
    private boolean ending;
    private boolean shut;
    private boolean gone;

    ClientSink(HttpServerExchange exchange, Source source) {
        this.exchange = exchange;
        this.source = source;
    }

    /** Whether bytes wait for the client, in which case the source should pause. */
    boolean backedUp() {
        return !held.isEmpty();
    }

    /** Sends the bytes, or as many as the client takes now and holds the rest. */
    void write(byte[] bytes, int offset, int length) {
        if (gone || length == 0) {
            return;
        }
        StreamSinkChannel out = channel();
        if (!held.isEmpty()) {
            held.add(ByteBuffer.wrap(bytes.clone(), offset, length).slice());
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining() && out.write(buffer) > 0) {
                // Keep writing while the client takes bytes.
            }
        } catch (IOException e) {
            lose(e);
            return;
        }
        if (buffer.hasRemaining()) {
            byte[] rest = new byte[buffer.remaining()];
            buffer.get(rest);
            held.add(ByteBuffer.wrap(rest));
            out.resumeWrites();
        }
    }

    /** Pushes out what the response channel itself buffers, such as a chunk's end; call after each batch. */
    void flush() {
        if (gone || channel == null || !held.isEmpty()) {
            return;
        }
        try {
            if (!channel.flush()) {
                channel.resumeWrites();
            }
        } catch (IOException e) {
            lose(e);
        }
    }

    /** Ends the response once everything held is sent, then ends the exchange. */
    void end() {
        if (gone) {
            return;
        }
        ending = true;
        if (channel == null) {
            exchange.endExchange();
            return;
        }
        if (held.isEmpty()) {
            shutDown();
        }
    }

    /** Cuts the connection once what is held has gone out, so the client sees the response was cut short. */
    void cut() {
        if (!gone) {
            flush();
        }
        gone = true;
        ExchangeIo.closeConnection(exchange);
    }

    private StreamSinkChannel channel() {
        if (channel == null) {
            channel = exchange.getResponseChannel();
            channel.getWriteSetter().set(writable -> writable());
        }
        return channel;
    }

    private void writable() {
        StreamSinkChannel out = channel;
        if (out == null || gone) {
            return;
        }
        try {
            while (!held.isEmpty()) {
                ByteBuffer next = held.peek();
                while (next.hasRemaining()) {
                    if (out.write(next) == 0) {
                        return;
                    }
                }
                held.poll();
            }
            if (ending) {
                shutDown();
                return;
            }
            if (!out.flush()) {
                return;
            }
        } catch (IOException e) {
            lose(e);
            return;
        }
        out.suspendWrites();
        source.drained();
    }

    private void shutDown() {
        StreamSinkChannel out = channel;
        try {
            if (!shut) {
                shut = true;
                out.shutdownWrites();
            }
            if (out.flush()) {
                out.suspendWrites();
                exchange.endExchange();
            } else {
                out.resumeWrites();
            }
        } catch (IOException e) {
            lose(e);
        }
    }

    private void lose(IOException failure) {
        if (gone) {
            return;
        }
        gone = true;
        held.clear();
        ExchangeIo.closeConnection(exchange);
        source.clientGone(failure);
    }
}
