package dev.aqueduct.server;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers whether the gateway can serve requests, for {@code /ready}. The answer comes from a
 * probe of the database and is reused for {@link #MAX_AGE}, so load balancers polling often cost
 * one query per second at most. While one probe runs, other callers wait for its answer.
 */
final class ReadinessCheck {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> probe;
    private final LongSupplier nanoClock;
    private Optional<String> lastAnswer = Optional.empty();
    private long answeredAt;
    private boolean answered;

    /** A check asking {@code probe}, which returns why the gateway is not ready, or empty when it is. */
    ReadinessCheck(Supplier<Optional<String>> probe, LongSupplier nanoClock) {
        this.probe = probe;
        this.nanoClock = nanoClock;
    }

    /** Why the gateway is not ready, or empty when it is; at most {@link #MAX_AGE} old. */
    synchronized Optional<String> unreadyReason() {
        long now = nanoClock.getAsLong();
        if (!answered || now - answeredAt >= MAX_AGE.toNanos()) {
            lastAnswer = probe.get();
            answeredAt = nanoClock.getAsLong();
            answered = true;
        }
        return lastAnswer;
    }
}
