package dev.aqueduct.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries to reach a database server until it answers or a time limit passes, pausing longer after
 * each failure (from 250 ms, doubling, at most 10 s). Only failures to reach the server are tried
 * again: a refused login or a missing database fails at once, as waiting would not help.
 *
 * <p>An unreachable server is expected when the gateway starts beside its database, so each
 * failure is one WARN line without a stack trace, and the final failure is a {@link StoreException}
 * whose message the command line prints as it is.
 */
final class ConnectRetry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectRetry.class);
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 10_000;

    private final String url;
    private final int timeoutSeconds;

    /** Retries for {@code timeoutSeconds}; {@code url} must already be stripped of credentials. */
    ConnectRetry(String url, int timeoutSeconds) {
        this.url = url;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs {@code connect} until it returns, retrying unreachable-server failures until the deadline. */
    <T> T run(Supplier<T> connect) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                T connected = connect.get();
                if (attempt > 1) {
                    LOG.info("Database reachable url={} attempts={}", url, attempt);
                }
                return connected;
            } catch (StoreException e) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!isUnreachable(e)) {
                    throw e;
                }
                if (left <= 0) {
                    throw gaveUp(e, attempt);
                }
                long wait = Math.min(pause, left);
                LOG.warn("Database unreachable, retrying url={} attempt={} retry_in_ms={} error={}",
                        url, attempt, wait, Database.rootMessage(e));
                pauseFor(wait);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    private StoreException gaveUp(StoreException last, int attempts) {
        return new StoreException("Cannot connect to the database " + url + " after "
                + (attempts == 1 ? "1 attempt" : attempts + " attempts") + " over " + timeoutSeconds + " s: "
                + Database.rootMessage(last)
                + "; check that the server runs and that database.url names it", last);
    }

    /** Whether the server could not be reached at all, as opposed to refusing us. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
            // 08: connection exceptions; 57P03: the server is starting up or shutting down.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P03"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void pauseFor(long millis) {
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the database to become reachable", e);
        }
    }
}
