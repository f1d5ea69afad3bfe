package dev.aqueduct.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.xnio.channels.StreamSinkChannel;

/**
 * A response body as a blocking stream for a virtual thread, written to Undertow's non-blocking
 * channel. Writes are buffered; {@link #flush()} sends them, parking the thread while the
 * client's socket is full. Closing only flushes: the exchange is ended on its I/O thread (see
 * {@link ExchangeIo#finish}).
 */
final class ChannelOutputStream extends OutputStream {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final StreamSinkChannel channel;
    private final StreamSinkChannel connection;
    private final ReadinessWait writable;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private boolean broken;

    /**
     * @param channel the exchange's response channel, written to
     * @param connection the connection's own sink channel, whose readiness is awaited (the
     *     exchange's channel defers resuming writes until the handler returns)
     */
    ChannelOutputStream(StreamSinkChannel channel, StreamSinkChannel connection, Duration timeout) {
        this.channel = channel;
        this.connection = connection;
        this.writable = new ReadinessWait(timeout);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.remaining()) {
            drain();
        }
        if (length > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(bytes, offset, length));
        } else {
            buffer.put(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        try {
            while (!channel.flush()) {
                awaitWritable();
            }
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    /** Writes everything; after one failure every later call fails at once, so nothing is sent twice. */
    private void writeFully(ByteBuffer source) throws IOException {
        if (broken) {
            throw new IOException("The response was cut off by an earlier failure");
        }
        try {
            while (source.hasRemaining()) {
                if (channel.write(source) == 0) {
                    awaitWritable();
                }
            }
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private void awaitWritable() throws IOException {
        writable.arm();
        connection.getWriteSetter().set(ready -> {
            ready.suspendWrites();
            writable.signal();
        });
        connection.resumeWrites();
        writable.await("read the response");
    }
}
