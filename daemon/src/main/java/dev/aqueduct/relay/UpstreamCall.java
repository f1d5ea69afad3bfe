package dev.aqueduct.relay;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One call to a provider, with its deadline when it has one: a call that outlives it is
 * cancelled and fails as a timeout. The deadline bounds either the whole call or, for a streamed
 * answer, each wait for the next bytes ({@link #readSome()} starts it again). Closing the call
 * ends the watch; close the response first.
 */
final class UpstreamCall implements AutoCloseable {
    private final Call call;
    private final @Nullable CallDeadlines deadlines;
    private long timeoutNanos;
    private boolean idle;
    private volatile long deadlineNanos;
    private volatile boolean expired;
    private volatile boolean clientWriting;

    UpstreamCall(Call call, @Nullable CallDeadlines deadlines) {
        this.call = call;
        this.deadlines = deadlines;
    }

    /**
     * The provider's answer; its body is read afterwards, still under the deadline (for a
     * streamed answer, started again now that the headers came).
     *
     * @throws InterruptedIOException when the deadline passed before the answer's headers came
     */
    Response execute() throws IOException {
        try {
            Response response = call.execute();
            readSome();
            return response;
        } catch (IOException e) {
            if (expired) {
                InterruptedIOException timeout = new InterruptedIOException("timeout");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        }
    }

    /** Starts the deadline; with {@code betweenReads} it starts again after every read. */
    void deadline(long timeout, boolean betweenReads) {
        timeoutNanos = timeout;
        idle = betweenReads;
        deadlineNanos = System.nanoTime() + timeout;
    }

    /** Notes that bytes came from the provider. */
    void readSome() {
        if (idle) {
            deadlineNanos = System.nanoTime() + timeoutNanos;
        }
    }

    /**
     * Notes a write to the client starting or ending. For a streamed answer the wait for the
     * provider's next bytes stops while the client is written to, and starts again after: a
     * client that reads slowly is not a provider that fell silent.
     */
    void clientWriting(boolean writing) {
        if (!idle) {
            return;
        }
        if (!writing) {
            deadlineNanos = System.nanoTime() + timeoutNanos;
        }
        clientWriting = writing;
    }

    /** Cancels the call when {@code now} is past its deadline; true when it did. */
    boolean expireIfDue(long now) {
        if (clientWriting || now - deadlineNanos < 0) {
            return false;
        }
        expired = true;
        call.cancel();
        return true;
    }

    @Override
    public void close() {
        if (deadlines != null) {
            deadlines.end(this);
        }
    }
}
