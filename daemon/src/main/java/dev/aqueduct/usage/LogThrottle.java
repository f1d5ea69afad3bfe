package dev.aqueduct.usage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Lets one log line through per interval, so a lasting failure is reported without flooding the log. */
final class LogThrottle {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;

    LogThrottle(long intervalNanos, LongSupplier nanoClock) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /** Whether a line may be logged now; true at most once per interval across all threads. */
    boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        long allowed = nextAllowed.get();
        return now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos);
    }
}
