package dev.aqueduct.usage;

import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores usage events from a {@link UsageBuffer} on one platform thread, {@code usage-writer}.
 * It stores a batch every flush interval, or as soon as a full batch waits. Each batch is one
 * transaction: the events, the hourly rollups (summed in memory first) and the keys' last use.
 *
 * <p>When the database fails, the batch is kept and tried again one flush interval later; the
 * buffer goes on taking events until it is full, so memory stays bounded by the buffer and one
 * batch. {@link #close()} stores everything still buffered before it returns.
 */
public final class UsageWriter implements AutoCloseable {
    static final int CLOSE_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final Database database;
    private final Jdbi jdbi;
    private final KeyService keys;
    private final UsageBuffer buffer;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Thread thread;
    private final List<UsageEvent> batch;
    private final AtomicLong stored = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(FAILURE_LOG_INTERVAL_NANOS, System::nanoTime);
    private final LogThrottle missingFileLog = new LogThrottle(FAILURE_LOG_INTERVAL_NANOS, System::nanoTime);
    private volatile boolean stopping;
    private volatile int pending;
    private int failures;

    /** A writer for {@code buffer}, not yet started; {@code keys} records the keys' last use. */
    public UsageWriter(Database database, UsageBuffer buffer, KeyService keys, UsageConfig config) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.keys = keys;
        this.buffer = buffer;
        this.batchSize = config.batchSize();
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMillis());
        this.batch = new ArrayList<>(batchSize);
        this.thread = Thread.ofPlatform().name("usage-writer").daemon(true).unstarted(this::run);
    }

    /** Starts the writer thread. */
    public void start() {
        thread.start();
    }

    /** Events stored since start. */
    public long stored() {
        return stored.get();
    }

    /** Events waiting to be stored: in the buffer and in the batch being written. */
    public int depth() {
        return buffer.depth() + pending;
    }

    /** Events the buffer refused because it was full. */
    public long dropped() {
        return buffer.dropped();
    }

    /**
     * Stops the writer after storing every buffered event. Stop the relay first: events offered
     * after this returns are not stored. When the database keeps failing, gives up after
     * {@value #CLOSE_ATTEMPTS} attempts and logs how many events were lost.
     */
    @Override
    public void close() {
        stopping = true;
        if (thread.isAlive()) {
            thread.interrupt();
            joinUninterruptibly();
        } else {
            storeRemaining();
        }
    }

    private void run() {
        while (!stopping) {
            try {
                collect();
                if (!batch.isEmpty() && !store()) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(flushIntervalNanos));
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        // The interrupt that ended the loop must not fail the last writes.
        Thread.interrupted();
        storeRemaining();
    }

    /** Fills the batch until it is full or the flush interval has passed; a batch to retry is only topped up. */
    private void collect() throws InterruptedException {
        if (!batch.isEmpty()) {
            buffer.drainTo(batch, batchSize - batch.size());
            pending = batch.size();
            return;
        }
        long deadline = System.nanoTime() + flushIntervalNanos;
        while (batch.size() < batchSize) {
            long remaining = deadline - System.nanoTime();
            UsageEvent next = remaining > 0 ? buffer.poll(remaining, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            buffer.drainTo(batch, batchSize - batch.size());
            pending = batch.size();
        }
    }

    /** Stores until the buffer is empty, the way close() promises. */
    void storeRemaining() {
        int failed = 0;
        while (failed < CLOSE_ATTEMPTS) {
            if (depth() == 0) {
                return;
            }
            if (!storeNext()) {
                failed++;
            }
        }
        int lost = batch.size() + buffer.depth();
        LOG.error("Usage not stored at shutdown, events lost count={} attempts={}", lost, failed);
    }

    /** Tops the batch up from the buffer and stores it; false when the database failed. */
    boolean storeNext() {
        buffer.drainTo(batch, batchSize - batch.size());
        pending = batch.size();
        return batch.isEmpty() || store();
    }

    /** Stores the batch in one transaction; on failure keeps it for the next attempt. */
    private boolean store() {
        if (database.fileMissing() && missingFileLog.tryAcquire()) {
            LOG.error("Database file is gone; usage and keys written now are lost when the daemon stops; "
                    + "restore the file and restart the daemon");
        }
        try {
            int inserted = jdbi.inTransaction(this::write);
            stored.addAndGet(inserted);
            if (failures > 0) {
                LOG.info("Usage writes recovered failures={}", failures);
                failures = 0;
            }
            batch.clear();
            pending = 0;
            return true;
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1 || failureLog.tryAcquire()) {
                LOG.warn("Usage batch not stored, keeping it for the next attempt count={} buffered={} failures={}"
                        + " error={}", batch.size(), buffer.depth(), failures, reason(e));
            }
            return false;
        }
    }

    private int write(Handle handle) {
        UsageDao dao = handle.attach(UsageDao.class);
        int[] counts = dao.insertEvents(batch);
        List<UsageEvent> inserted = new ArrayList<>(batch.size());
        for (int i = 0; i < counts.length; i++) {
            // An id stored before (a retry after an uncertain commit) must not count twice.
            if (counts[i] != 0) {
                inserted.add(batch.get(i));
            }
        }
        if (!inserted.isEmpty()) {
            dao.upsertHourly(HourlyRollups.of(inserted));
            keys.touchLastUsed(lastUseByKey(inserted));
        }
        return inserted.size();
    }

    /** The database's own words, without the statement Jdbi appends. */
    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    }

    private static Map<String, Instant> lastUseByKey(List<UsageEvent> events) {
        Map<String, Instant> lastUse = new HashMap<>();
        for (UsageEvent event : events) {
            lastUse.merge(event.keyId(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return lastUse;
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
