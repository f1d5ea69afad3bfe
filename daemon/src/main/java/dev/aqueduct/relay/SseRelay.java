package dev.aqueduct.relay;

import okio.BufferedSource;

/**
 * Relays a server-sent event stream as it arrives through a {@link SseFilter}, flushing after
 * every read. A stream that ends without its final event is ended as an error: an error event,
 * then a cut connection.
 */
final class SseRelay {
    private final RelayExchange relay;
    private final ClientOutput out;
    private final SseFilter filter;

    SseRelay(RelayExchange relay, ClientOutput out, boolean stripUsage) {
        this.relay = relay;
        this.out = out;
        this.filter = new SseFilter(relay, out::write, stripUsage);
    }

    void relay(BufferedSource source) {
        byte[] buffer = new byte[8192];
        boolean broken = false;
        try {
            int n;
            while ((n = UpstreamReads.read(source, buffer, relay)) != -1) {
                filter.feed(buffer, 0, n);
                out.flush();
            }
        } catch (UpstreamBrokeException e) {
            broken = true;
        } finally {
            filter.recordUsage();
        }
        if (!filter.complete(broken)) {
            filter.writeIncomplete();
            out.abort();
        }
    }
}
