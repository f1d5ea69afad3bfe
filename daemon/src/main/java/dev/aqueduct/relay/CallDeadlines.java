package dev.aqueduct.relay;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cancels upstream calls that outlive their deadline. One thread looks at the open calls every
 * {@value #SWEEP_MILLIS} ms, so a deadline is kept to within that; starting and ending a call
 * costs an add to and a remove from a concurrent set, and a read of a streamed answer one
 * volatile write. OkHttp's own timeouts go through okio's AsyncTimeout, one heap behind one lock
 * for the whole process, entered and left around every read of a streamed answer: under load
 * the relay's virtual threads queued on that lock.
 */
final class CallDeadlines implements AutoCloseable {
    static final long SWEEP_MILLIS = 100;

    private final Set<UpstreamCall> open = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    CallDeadlines() {
        this.sweeper = Thread.ofPlatform().name("upstream-deadlines").daemon(true).start(this::sweep);
    }

    /**
     * Watches {@code call} from now until it is ended, cancelling it once {@code timeout} has
     * passed: since the start, or with {@code betweenReads} since its last read.
     */
    void watch(UpstreamCall call, Duration timeout, boolean betweenReads) {
        call.deadline(timeout.toNanos(), betweenReads);
        open.add(call);
    }

    void end(UpstreamCall call) {
        open.remove(call);
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
            long now = System.nanoTime();
            for (UpstreamCall call : open) {
                if (call.expireIfDue(now)) {
                    open.remove(call);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }
}
