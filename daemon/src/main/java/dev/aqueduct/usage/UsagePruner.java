package dev.aqueduct.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage events older than the retention period, on a daemon thread
 * {@code usage-pruner}: first {@link #FIRST_RUN} after start, then every {@link #INTERVAL}.
 * Hourly rollups are never touched, so reports keep their history.
 *
 * <p>Events go in batches of at most {@value #DEFAULT_BATCH_ROWS} rows, each its own short
 * transaction, so the usage writer never waits long for the table. Each run logs one line with
 * the number deleted; a failed run is logged and the next one tries again.
 */
public final class UsagePruner implements AutoCloseable {
    static final int DEFAULT_BATCH_ROWS = 5000;
    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(UsagePruner.class);

    private final Jdbi jdbi;
    private final Duration retention;
    private final Clock clock;
    private final int batchRows;
    private final ScheduledExecutorService scheduler;

    /** A pruner keeping {@code retentionDays} (at least 1) of events, not yet started. */
    public UsagePruner(Jdbi jdbi, int retentionDays, Clock clock) {
        this(jdbi, retentionDays, clock, DEFAULT_BATCH_ROWS);
    }

    UsagePruner(Jdbi jdbi, int retentionDays, Clock clock, int batchRows) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1, got " + retentionDays);
        }
        this.jdbi = jdbi;
        this.retention = Duration.ofDays(retentionDays);
        this.clock = clock;
        this.batchRows = batchRows;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("usage-pruner").daemon(true).factory());
    }

    /** Schedules the runs. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, FIRST_RUN.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Deletes every event older than the retention period, batch by batch; returns how many. */
    public long pruneOnce() {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = 0;
        int batches = 0;
        int last;
        do {
            last = jdbi.withHandle(handle -> handle.attach(UsagePruneDao.class).deleteBefore(cutoff, batchRows));
            deleted += last;
            batches++;
        } while (last >= batchRows);
        LOG.info("Usage events pruned deleted={} before={} retention_days={} batches={}",
                deleted, cutoff, retention.toDays(), batches);
        return deleted;
    }

    /** Stops the schedule; a run in progress ends after its current batch. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void runSafely() {
        try {
            pruneOnce();
        } catch (RuntimeException e) {
            // The next run tries again; events only wait longer to go.
            LOG.warn("Usage events not pruned error={}", Thread.currentThread().isInterrupted()
                    ? "interrupted" : String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
