package dev.aqueduct.relay;

import java.io.IOException;
import okio.BufferedSource;

/** Reads from the provider, timing the wait and telling upstream failures apart from the client's. */
final class UpstreamReads {
    private UpstreamReads() {
    }

    /** Bytes read into {@code buffer}, -1 at the end, or {@link UpstreamBrokeException}. */
    static int read(BufferedSource source, byte[] buffer, RelayExchange relay) {
        long start = System.nanoTime();
        try {
            int n = source.read(buffer);
            relay.upstreamRead();
            return n;
        } catch (IOException e) {
            throw new UpstreamBrokeException(e);
        } finally {
            relay.waitedUpstream(System.nanoTime() - start);
        }
    }
}
