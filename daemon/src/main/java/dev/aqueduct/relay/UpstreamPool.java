package dev.aqueduct.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * The kept-alive provider connections of one I/O thread, used only on that thread, so neither
 * the pool nor its connections need a lock, and a request's answer is read on the thread that
 * serves its client.
 */
final class UpstreamPool {
    /** What a request waits for: a connection, or why there is none. */
    interface Ready {
        void ready(UpstreamLink link);

        void failed(IOException failure);
    }

    private static final int MAX_IDLE_PER_ORIGIN = 256;
    /**
     * How long an idle connection is kept for reuse. A provider that closes one is noticed at
     * once; a network that drops it silently is not, so none is trusted after this long.
     */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final XnioIoThread thread;
    private final Map<String, ArrayDeque<UpstreamLink>> idle = new HashMap<>();

    UpstreamPool(XnioIoThread thread) {
        this.thread = thread;
    }

    /** An idle connection to {@code origin}, unless {@code fresh}, else a new one opened within the timeout. */
    void acquire(UpstreamOrigin origin, InetSocketAddress address, int connectTimeoutSeconds, boolean fresh,
            Ready ready) {
        ArrayDeque<UpstreamLink> links = idle.get(origin.key());
        long now = System.nanoTime();
        while (!fresh && links != null && !links.isEmpty()) {
            UpstreamLink link = links.pollLast();
            if (link.isOpen() && now - link.idleSince() < MAX_IDLE_NANOS) {
                link.reuse();
                ready.ready(link);
                return;
            }
            link.abort();
        }
        connect(origin, address, connectTimeoutSeconds, ready);
    }

    /** Takes back a connection whose answer was read whole. */
    void release(UpstreamLink link) {
        ArrayDeque<UpstreamLink> links = idle.computeIfAbsent(link.originKey(), key -> new ArrayDeque<>());
        if (links.size() < MAX_IDLE_PER_ORIGIN) {
            link.idle();
            links.addLast(link);
        } else {
            link.abort();
        }
    }

    /** Drops a closed connection from the idle ones. */
    void forget(UpstreamLink link) {
        ArrayDeque<UpstreamLink> links = idle.get(link.originKey());
        if (links != null) {
            links.remove(link);
        }
    }

    private void connect(UpstreamOrigin origin, InetSocketAddress address, int timeoutSeconds, Ready ready) {
        Outcome outcome = new Outcome(ready);
        IoFuture<StreamConnection> opening = thread.openStreamConnection(address,
                connection -> outcome.opened(new UpstreamLink(connection, this, origin.key())),
                OptionMap.create(Options.TCP_NODELAY, true));
        try {
            outcome.timer = thread.executeAfter(() -> {
                outcome.timedOut = true;
                opening.cancel();
            }, timeoutSeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // The I/O thread is stopping with the server, which closes every connection it holds.
            opening.cancel();
        }
        opening.addNotifier(new IoFuture.HandlingNotifier<StreamConnection, Void>() {
            @Override
            public void handleFailed(IOException exception, Void attachment) {
                onThread(() -> outcome.failed(exception));
            }

            @Override
            public void handleCancelled(Void attachment) {
                onThread(() -> outcome.failed(new SocketTimeoutException("connect timed out")));
            }
        }, null);
    }

    private void onThread(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            thread.execute(task);
        }
    }

    /** Settles a connection attempt once, whichever of success, failure and timeout comes first. */
    private static final class Outcome {
        private final Ready ready;
        private XnioExecutor.Key timer = XnioExecutor.Key.IMMEDIATE;
        private boolean timedOut;
        private boolean settled;

        Outcome(Ready ready) {
            this.ready = ready;
        }

        void opened(UpstreamLink link) {
            timer.remove();
            if (settled) {
                link.abort();
                return;
            }
            settled = true;
            ready.ready(link);
        }

        void failed(IOException failure) {
            timer.remove();
            if (!settled) {
                settled = true;
                ready.failed(timedOut ? new SocketTimeoutException("connect timed out") : failure);
            }
        }
    }
}
