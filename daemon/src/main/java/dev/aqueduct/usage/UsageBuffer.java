package dev.aqueduct.usage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-over from the relay to the {@link UsageWriter}. The relay never waits here:
 * when the buffer is full the event is refused and counted, and an ERROR line with the number
 * dropped is logged at most once per {@value #DROP_LOG_INTERVAL_SECONDS} seconds, so a loss is
 * never silent and never floods the log.
 */
public final class UsageBuffer {
    static final long DROP_LOG_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(UsageBuffer.class);

    private final ArrayBlockingQueue<UsageEvent> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedAtLastLog = new AtomicLong();
    private final LogThrottle dropLog;

    /** A buffer of {@code capacity} events. */
    public UsageBuffer(int capacity) {
        this(capacity, System::nanoTime);
    }

    UsageBuffer(int capacity, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropLog = new LogThrottle(Duration.ofSeconds(DROP_LOG_INTERVAL_SECONDS).toNanos(), nanoClock);
    }

    /** Hands an event to the writer without waiting; false when the buffer is full and the event is dropped. */
    public boolean offer(UsageEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        long total = dropped.incrementAndGet();
        if (dropLog.tryAcquire()) {
            long since = total - droppedAtLastLog.getAndSet(total);
            LOG.error("Usage buffer full, events dropped dropped={} droppedTotal={} capacity={}",
                    since, total, capacity);
        }
        return false;
    }

    /** Events waiting for the writer. */
    public int depth() {
        return queue.size();
    }

    /** Events refused because the buffer was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    public int capacity() {
        return capacity;
    }

    /** Waits up to {@code timeout} for the next event. */
    @Nullable UsageEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Moves up to {@code max} waiting events to {@code into} without waiting. */
    int drainTo(List<UsageEvent> into, int max) {
        return max <= 0 ? 0 : queue.drainTo(into, max);
    }
}
