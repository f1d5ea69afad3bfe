package dev.aqueduct.relay;

import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.usage.UsageEvent;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The facts one relayed request gathers on its way, from arrival to last byte, that end up in
 * its usage event.
 */
final class RelayExchange {
    static final int CLIENT_CLOSED = 499;
    static final String UNKNOWN_MODEL = "(unknown)";

    private final String requestId;
    private final KeyRecord key;
    private final Endpoint endpoint;
    private final Instant arrived;
    private final long startNanos;
    private String model = UNKNOWN_MODEL;
    private String deployment = "";
    private int status = 200;
    private UsageCounts counts = UsageCounts.NONE;
    private boolean estimated;
    private long firstByteNanos;
    private long upstreamWaitNanos;
    private LongSupplier promptEstimate = () -> 0;
    private @Nullable UpstreamCall upstreamCall;

    RelayExchange(String requestId, KeyRecord key, Endpoint endpoint, Instant arrived, long startNanos) {
        this.requestId = requestId;
        this.key = key;
        this.endpoint = endpoint;
        this.arrived = arrived;
        this.startNanos = startNanos;
    }

    /** The facts of a request to {@code endpoint} that Undertow has just read the head of. */
    static RelayExchange arrived(HttpServerExchange exchange, KeyRecord key, String requestId, Endpoint endpoint) {
        long started = exchange.getRequestStartTime() > 0 ? exchange.getRequestStartTime() : System.nanoTime();
        Instant arrived = Instant.now().minusNanos(System.nanoTime() - started);
        return new RelayExchange(requestId, key, endpoint, arrived, started);
    }

    void model(String name) {
        model = name;
    }

    void deployment(String label) {
        deployment = label;
    }

    void status(int code) {
        status = code;
    }

    int status() {
        return status;
    }

    KeyRecord key() {
        return key;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String requestId() {
        return requestId;
    }

    /** Records the provider's counts, or an estimate when {@code estimate} is true. */
    void usage(UsageCounts reported, boolean estimate) {
        counts = reported;
        estimated = estimate;
    }

    /** Records the provider's counts when there are some, else an estimate of the prompt alone. */
    void usageOrEstimate(@Nullable UsageCounts reported) {
        if (reported != null) {
            usage(reported, false);
        } else {
            usage(new UsageCounts(estimatedPromptTokens(), 0, 0), true);
        }
    }

    /** How to estimate the prompt's tokens, should the provider not report them. */
    void promptEstimate(LongSupplier estimate) {
        promptEstimate = estimate;
    }

    long estimatedPromptTokens() {
        return promptEstimate.getAsLong();
    }

    /** Marks the first byte sent to the client, once. */
    void firstByteSent() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /** The call whose answer is being relayed. */
    void upstreamCall(UpstreamCall call) {
        upstreamCall = call;
    }

    /** Notes that bytes came from the provider, which starts a streamed call's deadline again. */
    void upstreamRead() {
        if (upstreamCall != null) {
            upstreamCall.readSome();
        }
    }

    /** Notes a write to the client starting or ending, which a streamed call's deadline waits out. */
    void clientWriting(boolean writing) {
        if (upstreamCall != null) {
            upstreamCall.clientWriting(writing);
        }
    }

    /** Adds time spent waiting on the provider, which is not the gateway's own overhead. */
    void waitedUpstream(long nanos) {
        upstreamWaitNanos += nanos;
    }

    UsageEvent toEvent() {
        long total = System.nanoTime() - startNanos;
        Long firstByte = firstByteNanos == 0 ? null : TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos);
        return new UsageEvent(requestId, arrived, key.id(), key.orgId(), key.teamId(), key.userId(),
                key.serviceAccountId(), model, deployment, endpoint.path(), status,
                counts.input(), counts.output(), counts.cached(), estimated,
                TimeUnit.NANOSECONDS.toMillis(total), firstByte,
                TimeUnit.NANOSECONDS.toMicros(Math.max(0, total - upstreamWaitNanos)));
    }
}
