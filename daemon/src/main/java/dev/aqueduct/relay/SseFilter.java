package dev.aqueduct.relay;

import java.nio.charset.StandardCharsets;

/**
 * What the gateway does to a server-sent event stream on its way to the client, fed bytes as
 * they arrive, however they come: usage is read from the events, and when the gateway asked for
 * usage on the client's behalf, the usage-only chunk and the {@code "usage":null} field upstream
 * adds to every chunk are removed again, so the client receives exactly what the provider would
 * have sent it. When the client asked for usage itself, every byte is passed on as it arrives.
 */
final class SseFilter {
    /** Where the filtered stream goes. */
    interface Output {
        void write(byte[] bytes, int offset, int length);
    }

    private static final byte[] INCOMPLETE = ("data: {\"error\":{\"message\":\"The upstream provider's stream "
            + "ended before it was complete\",\"type\":\"server_error\",\"param\":null,"
            + "\"code\":\"upstream_stream_incomplete\"}}\n\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final RelayExchange relay;
    private final Output out;
    private final boolean stripUsage;
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final UsageFieldCollector usage = new UsageFieldCollector();
    private long contentEvents;
    private boolean finished;

    SseFilter(RelayExchange relay, Output out, boolean stripUsage) {
        this.relay = relay;
        this.out = out;
        this.stripUsage = stripUsage;
    }

    /** Takes the next bytes of the stream; the array may be reused once this returns. */
    void feed(byte[] bytes, int offset, int length) {
        if (stripUsage) {
            splitter.feed(bytes, offset, length, this::forward);
        } else {
            out.write(bytes, offset, length);
            splitter.feed(bytes, offset, length, this::observe);
        }
    }

    /**
     * Whether the stream seen so far is a whole one: it ended with its final event (for an
     * endpoint that has one), nothing after it, and the provider did not break it off.
     */
    boolean complete(boolean broken) {
        if (broken || splitter.hasPartialEvent()) {
            return false;
        }
        return finished || relay.endpoint().streamEnd() == Endpoint.StreamEnd.UNKNOWN;
    }

    /**
     * Ends a stream that was not complete as an error: status 502 and an error event of its own,
     * after closing the half event already passed on. The caller then cuts the connection.
     */
    void writeIncomplete() {
        relay.status(502);
        if (!stripUsage && splitter.hasPartialEvent()) {
            out.write(EVENT_END, 0, EVENT_END.length);
        }
        out.write(INCOMPLETE, 0, INCOMPLETE.length);
    }

    /** Records the usage as reported, or counted from the events seen when the stream carried none. */
    void recordUsage() {
        if (usage.found()) {
            relay.usage(usage.counts(), false);
        } else {
            relay.usage(new UsageCounts(relay.estimatedPromptTokens(), contentEvents, 0), true);
        }
    }

    private void observe(byte[] raw) {
        note(StreamEvent.read(raw, usage));
    }

    private void forward(byte[] raw) {
        StreamEvent event = StreamEvent.read(raw, usage);
        note(event);
        if (!event.usageOnly) {
            byte[] kept = event.withoutNullUsage();
            out.write(kept, 0, kept.length);
        }
    }

    private void note(StreamEvent event) {
        if (event.done || event.finalEvent) {
            finished = true;
        } else if (event.carriesContent) {
            contentEvents++;
        }
    }
}
