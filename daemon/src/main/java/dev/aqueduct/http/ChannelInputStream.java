package dev.aqueduct.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request body as a blocking stream for a virtual thread, read straight from Undertow's
 * non-blocking channel: when no bytes are there yet, the thread parks until the connection's
 * I/O thread says more have arrived, instead of blocking a carrier thread in a selector.
 */
final class ChannelInputStream extends InputStream {
    private final StreamSourceChannel channel;
    private final StreamSourceChannel connection;
    private final ReadinessWait readable;
    private boolean finished;

    /**
     * @param channel the exchange's request channel, read from
     * @param connection the connection's own source channel, whose readiness is awaited: the
     *     exchange's channel defers resuming reads until the handler returns, which on a virtual
     *     thread is after the body has been read
     */
    ChannelInputStream(StreamSourceChannel channel, StreamSourceChannel connection, Duration timeout) {
        this.channel = channel;
        this.connection = connection;
        this.readable = new ReadinessWait(timeout);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (true) {
            int n = channel.read(buffer);
            if (n == -1) {
                finished = true;
                return -1;
            }
            if (n > 0) {
                return n;
            }
            readable.arm();
            connection.getReadSetter().set(ready -> {
                ready.suspendReads();
                readable.signal();
            });
            connection.resumeReads();
            readable.await("send the request body");
        }
    }
}
