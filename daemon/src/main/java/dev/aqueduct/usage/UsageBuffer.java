package dev.aqueduct.usage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-over from the relay to the {@link UsageWriter}. The relay never waits here.
 * Once the buffer is half full (its high-water mark) every offer tells the writer, which moves
 * events to the spool files instead of waiting for the database. Should the buffer still fill
 * up, the event is refused and counted, and an ERROR line with the number dropped is logged at
 * most once per {@value #DROP_LOG_INTERVAL_SECONDS} seconds, so a loss is never silent and never
 * floods the log.
 */
public final class UsageBuffer {
    static final long DROP_LOG_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(UsageBuffer.class);

    private final ArrayBlockingQueue<UsageEvent> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedAtLastLog = new AtomicLong();
    private final LogThrottle dropLog;
    private final int highWater;
    private volatile Runnable highWaterListener = () -> { };
    private volatile @Nullable Thread waiter;
    private volatile int awaitedDepth = Integer.MAX_VALUE;

    /** A buffer of {@code capacity} events. */
    public UsageBuffer(int capacity) {
        this(capacity, System::nanoTime);
    }

    UsageBuffer(int capacity, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.highWater = Math.max(1, capacity / 2);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropLog = new LogThrottle(Duration.ofSeconds(DROP_LOG_INTERVAL_SECONDS).toNanos(), nanoClock);
    }

    /** Hands an event to the writer without waiting; false when the buffer is full and the event is dropped. */
    public boolean offer(UsageEvent event) {
        if (queue.offer(event)) {
            int depth = queue.size();
            if (depth >= highWater) {
                highWaterListener.run();
            }
            if (depth >= awaitedDepth) {
                LockSupport.unpark(waiter);
            }
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

    /** Half the capacity: from this depth on, offers call the high-water listener. */
    int highWater() {
        return highWater;
    }

    /** Sets what an offer calls when the buffer holds {@link #highWater()} events or more; it must not block. */
    void onHighWater(Runnable listener) {
        this.highWaterListener = listener;
    }

    /**
     * Waits up to {@code nanos} until {@code depth} events wait, or the calling thread is
     * unparked. Offers below that depth do not wake the caller, so a writer gathering a batch is
     * woken once per batch rather than once per event.
     */
    void awaitDepth(int depth, long nanos) {
        waiter = Thread.currentThread();
        awaitedDepth = depth;
        if (queue.size() < depth) {
            LockSupport.parkNanos(this, nanos);
        }
        awaitedDepth = Integer.MAX_VALUE;
    }

    /** Moves up to {@code max} waiting events to {@code into} without waiting. */
    int drainTo(List<UsageEvent> into, int max) {
        return max <= 0 ? 0 : queue.drainTo(into, max);
    }
}
