package dev.aqueduct.relay;

import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;

/**
 * The client's side of a response relayed on the connection's I/O thread: writes never block.
 * Bytes are staged while one read from the provider is handled and sent together after it, so
 * events that arrive together leave together, in one write. What the client cannot take yet is
 * held, and the source is told to pause until it is sent; a failed write, or a client that
 * takes nothing for {@link ExchangeIo#CLIENT_TIMEOUT}, means the client went away.
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
    private byte[] staged = new byte[0];
    private int stagedLength;
    private @Nullable ByteBuffer held;
    private @Nullable StreamSinkChannel channel;
    private boolean ending;
    private boolean shut;
    private boolean gone;
    private XnioExecutor.Key stalled = XnioExecutor.Key.IMMEDIATE;

    ClientSink(HttpServerExchange exchange, Source source) {
        this.exchange = exchange;
        this.source = source;
    }

    /** Whether bytes wait for the client, in which case the source should pause. */
    boolean backedUp() {
        return held != null;
    }

    /** Adds bytes to what the next {@link #send} or {@link #end} writes; the array may be reused after. */
    void stage(byte[] bytes, int offset, int length) {
        if (gone) {
            return;
        }
        if (stagedLength + length > staged.length) {
            staged = Arrays.copyOf(staged, Math.max(Math.max(staged.length * 2, 4096), stagedLength + length));
        }
        System.arraycopy(bytes, offset, staged, stagedLength, length);
        stagedLength += length;
    }

    /** Writes what is staged, as much as the client takes now, holding the rest. */
    void send() {
        if (gone || stagedLength == 0) {
            return;
        }
        StreamSinkChannel out = channel();
        ByteBuffer buffer = takeStaged(held != null);
        if (held != null) {
            held = concat(held, buffer);
            return;
        }
        try {
            while (buffer.hasRemaining() && out.write(buffer) > 0) {
                // The client's socket still takes bytes.
            }
            if (!buffer.hasRemaining() && out.flush()) {
                return;
            }
        } catch (IOException e) {
            lose(e);
            return;
        }
        held = buffer.hasRemaining() ? copyOfRemaining(buffer) : ByteBuffer.allocate(0);
        awaitClient(out);
    }

    /** Ends the response once everything staged and held is sent, then ends the exchange. */
    void end() {
        if (gone) {
            return;
        }
        ending = true;
        if (channel == null && stagedLength == 0) {
            exchange.endExchange();
            return;
        }
        StreamSinkChannel out = channel();
        if (held != null) {
            send();
            return;
        }
        try {
            ByteBuffer last = takeStaged(false);
            // The last bytes and the response's end go out in one write where the channel can.
            out.writeFinal(last);
            // The channel shuts itself only when every byte went out; otherwise writable() does.
            shut = !last.hasRemaining();
            if (shut && out.flush()) {
                exchange.endExchange();
                return;
            }
            held = last.hasRemaining() ? copyOfRemaining(last) : ByteBuffer.allocate(0);
            awaitClient(out);
        } catch (IOException e) {
            lose(e);
        }
    }

    /** Cuts the connection once what is staged has been written, so the client sees the response was cut short. */
    void cut() {
        send();
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

    /** The staged bytes as a buffer; a copy when they must outlive the staging array. */
    private ByteBuffer takeStaged(boolean copy) {
        ByteBuffer buffer = copy ? ByteBuffer.wrap(Arrays.copyOf(staged, stagedLength))
                : ByteBuffer.wrap(staged, 0, stagedLength);
        stagedLength = 0;
        return buffer;
    }

    private static ByteBuffer copyOfRemaining(ByteBuffer buffer) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.get(rest);
        return ByteBuffer.wrap(rest);
    }

    private static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
        ByteBuffer joined = ByteBuffer.allocate(first.remaining() + second.remaining());
        joined.put(first).put(second).flip();
        return joined;
    }

    private void writable() {
        StreamSinkChannel out = channel;
        ByteBuffer pending = held;
        if (out == null || gone || pending == null) {
            return;
        }
        try {
            int before = pending.remaining();
            while (pending.hasRemaining()) {
                if (out.write(pending) == 0) {
                    if (pending.remaining() < before) {
                        awaitClient(out);
                    }
                    return;
                }
            }
            if (ending && !shut) {
                shut = true;
                out.shutdownWrites();
            }
            if (!out.flush()) {
                return;
            }
        } catch (IOException e) {
            lose(e);
            return;
        }
        held = null;
        stalled.remove();
        out.suspendWrites();
        if (ending) {
            exchange.endExchange();
        } else {
            source.drained();
        }
    }

    private void lose(IOException failure) {
        if (gone) {
            return;
        }
        gone = true;
        held = null;
        stalled.remove();
        ExchangeIo.closeConnection(exchange);
        source.clientGone(failure);
    }

    /**
     * Waits for the client to take more, for at most {@link ExchangeIo#CLIENT_TIMEOUT} from now:
     * a client that takes nothing for that long is gone.
     */
    private void awaitClient(StreamSinkChannel out) {
        out.resumeWrites();
        stalled.remove();
        try {
            stalled = exchange.getIoThread().executeAfter(() -> lose(new IOException("the client took no bytes for "
                    + ExchangeIo.CLIENT_TIMEOUT)), ExchangeIo.CLIENT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The I/O thread is stopping with the server, which closes every connection it holds.
            stalled = XnioExecutor.Key.IMMEDIATE;
        }
    }
}
