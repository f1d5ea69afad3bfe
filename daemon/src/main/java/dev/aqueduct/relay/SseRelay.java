package dev.aqueduct.relay;

import java.nio.charset.StandardCharsets;
import okio.BufferedSource;

/**
 * Relays a server-sent event stream as it arrives, reading usage from its events on the way.
 *
 * <p>When the client asked for usage itself, every byte is written and flushed the moment it
 * arrives. When the gateway asked on the client's behalf, whole events are relayed instead,
 * minus the usage-only chunk and the {@code "usage":null} field upstream adds to every chunk, so
 * the client receives exactly what the provider would have sent it. A stream that ends without
 * its final event is ended as an error: an error event, then a cut connection.
 */
final class SseRelay {
    private static final byte[] INCOMPLETE = ("data: {\"error\":{\"message\":\"The upstream provider's stream "
            + "ended before it was complete\",\"type\":\"server_error\",\"param\":null,"
            + "\"code\":\"upstream_stream_incomplete\"}}\n\n").getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final RelayExchange relay;
    private final ClientOutput out;
    private final boolean stripUsage;
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final UsageFieldCollector usage = new UsageFieldCollector();
    private long contentEvents;
    private boolean finished;
    private boolean broken;

    SseRelay(RelayExchange relay, ClientOutput out, boolean stripUsage) {
        this.relay = relay;
        this.out = out;
        this.stripUsage = stripUsage;
    }

    void relay(BufferedSource source) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = UpstreamReads.read(source, buffer, relay)) != -1) {
                if (stripUsage) {
                    splitter.feed(buffer, 0, n, this::forward);
                } else {
                    out.write(buffer, 0, n);
                    splitter.feed(buffer, 0, n, this::observe);
                }
                out.flush();
            }
        } catch (UpstreamBrokeException e) {
            broken = true;
        } finally {
            recordUsage();
        }
        if (!complete()) {
            relay.status(502);
            if (!stripUsage && splitter.hasPartialEvent()) {
                // Close the half event already sent, so the error arrives as an event of its own.
                out.write(EVENT_END);
            }
            out.write(INCOMPLETE);
            out.abort();
        }
    }

    private void observe(byte[] raw) {
        note(StreamEvent.read(raw, usage));
    }

    private void forward(byte[] raw) {
        StreamEvent event = StreamEvent.read(raw, usage);
        note(event);
        if (!event.usageOnly) {
            out.write(event.withoutNullUsage());
        }
    }

    private void note(StreamEvent event) {
        if (event.done || event.finalEvent) {
            finished = true;
        } else if (event.carriesContent) {
            contentEvents++;
        }
    }

    private boolean complete() {
        if (broken || splitter.hasPartialEvent()) {
            return false;
        }
        return finished || relay.endpoint().streamEnd() == Endpoint.StreamEnd.UNKNOWN;
    }

    /** Usage as reported, or counted from the events seen when the stream ended without it. */
    private void recordUsage() {
        if (usage.found()) {
            relay.usage(usage.counts(), false);
        } else {
            relay.usage(new UsageCounts(relay.estimatedPromptTokens(), contentEvents, 0), true);
        }
    }
}
