package dev.aqueduct.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks the calling (virtual) thread until an I/O thread reports that a channel is ready. The
 * I/O thread's listener only calls {@link #signal()}; all reading and writing stays on the
 * waiting thread, so Undertow's channels are never used by two threads at once.
 */
final class ReadinessWait {
    private final Duration timeout;
    private volatile boolean ready;
    private volatile Thread waiter;

    ReadinessWait(Duration timeout) {
        this.timeout = timeout;
    }

    /** Called before the channel's listener is armed. */
    void arm() {
        ready = false;
        waiter = Thread.currentThread();
    }

    /** Called by the channel's listener on the I/O thread. */
    void signal() {
        ready = true;
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Parks until signalled; a peer that stays silent for the whole timeout is an I/O failure. */
    void await(String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("Client did not " + what + " within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("Interrupted while waiting to " + what);
            }
        }
    }
}
