package dev.aqueduct.usage;

import dev.aqueduct.config.UsageConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage events from the relay and stores them, never making the relay wait on the
 * database. Events wait in a {@link UsageBuffer}; the {@code usage-writer} thread stores them in
 * batches, one transaction each, every flush interval or as soon as a full batch waits.
 *
 * <p>When a write fails, or the database is slow (a write takes longer than a flush interval,
 * or the buffer passes its high-water mark), events go to the {@link UsageSpool} files instead:
 * the failed batch at once, and the buffer every flush interval (thread {@code usage-spiller}).
 * The writer tries the database again every flush interval by replaying the spool, oldest event
 * first; a spool file is deleted only after all its events are committed, and an event stored
 * before is skipped, so a replay cut short by a crash counts nothing twice.
 *
 * <p>Under strict durability {@link #accept} writes each event to the spool and returns once it
 * is on disk, sharing one disk sync among concurrent requests; the writer then stores the spool's
 * events. {@link #close()} stores everything still in memory, in the database or else the spool.
 */
public final class UsageWriter implements AutoCloseable, Consumer<UsageEvent> {
    static final int CLOSE_ATTEMPTS = 3;
    /** The data directory when the database has no file of its own (PostgreSQL). */
    static final String DEFAULT_DATA_DIRECTORY = "data";

    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    /** Longest wait between looks at whether the writer is stopping. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Database database;
    private final UsageStore store;
    private final UsageBuffer buffer;
    private final UsageSpool spool;
    private final @Nullable GroupCommit strictCommit;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Thread writerThread;
    private final Thread spillThread;
    private final List<UsageEvent> batch;
    private final SpoolHold held = new SpoolHold();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong failedSpoolWrites = new AtomicLong();
    private final AtomicLong lostAtStop = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(LOG_INTERVAL_NANOS, System::nanoTime);
    private final LogThrottle spoolFailureLog = new LogThrottle(LOG_INTERVAL_NANOS, System::nanoTime);
    private final LogThrottle missingFileLog = new LogThrottle(LOG_INTERVAL_NANOS, System::nanoTime);
    private final AtomicReference<@Nullable List<UsageEvent>> inFlight =
            new AtomicReference<>();
    private volatile long inFlightSince;
    private volatile long storeSince;
    private volatile boolean storing;
    private volatile long lastFlushMicros;
    private volatile boolean databaseUp = true;
    private volatile boolean stopping;
    private boolean closed;
    private volatile int pending;
    private long nextProbeNanos;
    private long nextSpillNanos;
    private int failures;
    private @Nullable Path resumeFile;
    private int resumeIndex;

    /**
     * A writer for {@code buffer}, not yet started; {@code keys} records the keys' last use. Opens
     * the spool, whose files from an earlier run are replayed once the writer starts.
     *
     * @throws UsageException when another daemon uses the same spool directory
     */
    public UsageWriter(Database database, UsageBuffer buffer, KeyService keys, UsageConfig config) {
        this.database = database;
        this.store = new UsageStore(database.jdbi(), keys);
        this.buffer = buffer;
        this.batchSize = config.batchSize();
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMillis());
        this.batch = new ArrayList<>(batchSize);
        this.nextProbeNanos = System.nanoTime();
        this.nextSpillNanos = nextProbeNanos;
        this.spool = UsageSpool.open(spoolDirectory(config, database), config.spoolMaxBytes());
        this.strictCommit = config.strict() ? new GroupCommit(events -> spool.append(events, true)) : null;
        this.writerThread = Thread.ofPlatform().name("usage-writer").daemon(true).unstarted(this::run);
        this.spillThread = Thread.ofPlatform().name("usage-spiller").daemon(true).unstarted(this::spillLoop);
        buffer.onHighWater(() -> LockSupport.unpark(spillThread));
    }

    /** {@code usage.spool-dir}, or else the SQLite file's directory, or else {@code data}. */
    static Path spoolDirectory(UsageConfig config, Database database) {
        if (config.spoolDir() != null) {
            return Path.of(config.spoolDir());
        }
        Path file = database.file();
        Path parent = file == null ? null : file.getParent();
        return parent != null ? parent : Path.of(DEFAULT_DATA_DIRECTORY);
    }

    /** Starts the writer and spiller threads. */
    public void start() {
        writerThread.start();
        spillThread.start();
    }

    /**
     * Takes one event from the relay. Batched durability: hands it to the buffer and returns at
     * once. Strict: returns once the event is in the spool on disk (should the spool fail, the
     * event goes to the buffer instead and the failure is logged and counted). Never waits on
     * the database.
     */
    @Override
    public void accept(UsageEvent event) {
        if (strictCommit != null) {
            try {
                strictCommit.commit(event);
                return;
            } catch (IOException e) {
                spoolFailed(1, e);
            }
        }
        buffer.offer(event);
    }

    /** What the usage path holds and has done; cheap enough to call on every metrics scrape. */
    public UsageStats stats() {
        return new UsageStats(inMemory(), buffer.capacity(), stored.get(),
                spool.appended(), spool.bytes(), replayed.get(), failedWrites.get(), failedSpoolWrites.get(),
                buffer.dropped() + lostAtStop.get(), lastFlushMicros, databaseUp);
    }

    /** Events waiting in memory: the buffer, the batch being written and events the spool refused. */
    private int inMemory() {
        return buffer.depth() + pending + held.count();
    }

    /**
     * Stops after storing every event still in memory: in the database, or in the spool when the
     * database fails. Stop the relay first: events offered after this returns are not stored.
     * When neither takes them after {@value #CLOSE_ATTEMPTS} attempts, logs how many were lost.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        // No interrupts: they would close the spool's file channels under the threads.
        LockSupport.unpark(spillThread);
        joinUninterruptibly(spillThread);
        if (writerThread.isAlive()) {
            LockSupport.unpark(writerThread);
            joinUninterruptibly(writerThread);
        } else {
            storeRemaining();
        }
        spool.close();
    }

    private void run() {
        while (!stopping) {
            if (!databaseUp && !awaitProbe()) {
                break;
            }
            if (!replaySpool()) {
                continue;
            }
            held.moveTo(batch);
            collect();
            storeOrSpool();
        }
        storeRemaining();
    }

    /** Waits until the next attempt at the database is due; false when stopping. */
    private boolean awaitProbe() {
        long remaining;
        while (!stopping && (remaining = nextProbeNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
        return !stopping;
    }

    /** Fills the batch until it is full or the flush interval has passed; a batch to retry is only topped up. */
    private void collect() {
        if (!batch.isEmpty()) {
            buffer.drainTo(batch, batchSize - batch.size());
            pending = batch.size();
            return;
        }
        long deadline = System.nanoTime() + flushIntervalNanos;
        while (!stopping) {
            buffer.drainTo(batch, batchSize - batch.size());
            pending = batch.size();
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= batchSize || remaining <= 0) {
                return;
            }
            // Woken when the rest of a batch waits, not by every event.
            buffer.awaitDepth(batchSize - batch.size(), Math.min(remaining, WAIT_SLICE_NANOS));
        }
    }

    /**
     * One round of the writer's work without waiting: replays the spool, then stores what the
     * buffer holds, spooling it when the database fails. False when the database failed.
     */
    boolean storeNext() {
        if (!replaySpool()) {
            return false;
        }
        held.moveTo(batch);
        buffer.drainTo(batch, batchSize - batch.size());
        pending = batch.size();
        return storeOrSpool();
    }

    /** Stores the batch, or spools it when the database fails; false when the database failed. */
    private boolean storeOrSpool() {
        if (batch.isEmpty()) {
            return true;
        }
        // Published for the spiller, which spools a copy should this write hang (see spillStuckBatch).
        inFlightSince = System.nanoTime();
        inFlight.set(List.copyOf(batch));
        int inserted = storeBatch(batch);
        boolean spilled = inFlight.getAndSet(null) == null;
        if (inserted >= 0 || spilled) {
            clearBatch();
            return inserted >= 0;
        }
        spoolBatch();
        return false;
    }

    /** Stores until memory is empty, the way close() promises; what the database refuses is spooled. */
    void storeRemaining() {
        held.moveTo(batch);
        int attempts = 0;
        while (true) {
            buffer.drainTo(batch, batchSize - batch.size());
            pending = batch.size();
            if (batch.isEmpty()) {
                break;
            }
            if (databaseUp && storeBatch(batch) >= 0) {
                clearBatch();
            } else if (!spoolBatch()) {
                if (++attempts >= CLOSE_ATTEMPTS) {
                    loseRemaining(attempts);
                    break;
                }
                // The spool refused as well: the database gets another chance.
                databaseUp = true;
            }
        }
        if (databaseUp) {
            replaySpool();
        }
    }

    private void loseRemaining(int attempts) {
        int lost = batch.size() + buffer.depth();
        lostAtStop.addAndGet(lost);
        LOG.error("Usage not stored at shutdown, events lost count={} attempts={} spoolDir={}", lost, attempts,
                spool.directory());
        clearBatch();
    }

    /** Replays the spool's events into the database in the order written; false when the database failed. */
    private boolean replaySpool() {
        if (spool.isEmpty()) {
            return true;
        }
        for (Path file : spool.sealAll()) {
            if (!replayFile(file)) {
                return false;
            }
        }
        return true;
    }

    private boolean replayFile(Path file) {
        List<UsageEvent> events;
        try {
            events = SpoolReader.read(file);
        } catch (IOException e) {
            LOG.error("Usage spool file unreadable, kept for the next attempt file={} error={}", file, e.toString());
            return true;
        }
        int from = file.equals(resumeFile) ? resumeIndex : 0;
        for (int i = from; i < events.size(); i += batchSize) {
            int inserted = storeBatch(events.subList(i, Math.min(events.size(), i + batchSize)));
            if (inserted < 0) {
                resumeFile = file;
                resumeIndex = i;
                return false;
            }
            replayed.addAndGet(inserted);
        }
        resumeFile = null;
        try {
            spool.delete(file);
        } catch (IOException e) {
            // Replaying it again later stores nothing twice; only the disk space stays taken.
            LOG.warn("Usage spool file replayed but not deleted file={} error={}", file, e.toString());
        }
        return true;
    }

    /** Stores {@code events} in one transaction; the number newly stored, or -1 when the database failed. */
    private int storeBatch(List<UsageEvent> events) {
        if (database.fileMissing() && missingFileLog.tryAcquire()) {
            LOG.error("Database file is gone; usage and keys written now are lost when the daemon stops; "
                    + "restore the file and restart the daemon");
        }
        long started = System.nanoTime();
        storeSince = started;
        storing = true;
        try {
            int inserted = store.store(events);
            lastFlushMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            stored.addAndGet(inserted);
            if (failures > 0) {
                LOG.info("Usage writes recovered failures={} spoolBytes={}", failures, spool.bytes());
                failures = 0;
            }
            databaseUp = true;
            return inserted;
        } catch (RuntimeException e) {
            failedWrites.incrementAndGet();
            failures++;
            if (failures == 1 || failureLog.tryAcquire()) {
                LOG.warn("Usage batch not stored, spooling until the database is back count={} buffered={}"
                        + " failures={} error={}", events.size(), buffer.depth(), failures, reason(e));
            }
            markDown();
            return -1;
        } finally {
            storing = false;
        }
    }

    private void markDown() {
        nextProbeNanos = System.nanoTime() + flushIntervalNanos;
        if (databaseUp) {
            databaseUp = false;
            LockSupport.unpark(spillThread);
        }
    }

    /** Appends the batch to the spool and forgets it; false, keeping it, when the spool fails. */
    private boolean spoolBatch() {
        try {
            spool.append(batch, true);
            clearBatch();
            return true;
        } catch (IOException e) {
            spoolFailed(batch.size(), e);
            return false;
        }
    }

    private void clearBatch() {
        batch.clear();
        pending = 0;
    }

    private void spillLoop() {
        while (!stopping) {
            LockSupport.parkNanos(this, flushIntervalNanos);
            if (stopping) {
                break;
            }
            spillStuckBatch();
            boolean needed = !databaseUp || buffer.depth() >= buffer.highWater() || writerStuck();
            if (needed && System.nanoTime() - nextSpillNanos >= 0) {
                spill();
            }
        }
    }

    /** Whether the writer has waited on the database for longer than a flush interval. */
    private boolean writerStuck() {
        return storing && System.nanoTime() - storeSince > flushIntervalNanos;
    }

    /**
     * Spools a copy of the batch the writer has been storing for longer than a flush interval,
     * so a crash while the database hangs loses no more than a flush interval of events. Should
     * the write succeed after all, the copies are skipped on replay as already stored.
     */
    private void spillStuckBatch() {
        List<UsageEvent> stuck = inFlight.get();
        if (stuck == null || System.nanoTime() - inFlightSince <= flushIntervalNanos
                || !inFlight.compareAndSet(stuck, null)) {
            return;
        }
        try {
            spool.append(stuck, true);
        } catch (IOException e) {
            spoolFailed(stuck.size(), e);
            held.add(stuck);
        }
    }

    /**
     * Moves buffered events to the spool while the database is down, or until the buffer is back
     * under half its high-water mark. When the spool fails, the events it refused are held for the
     * writer and the next try waits a flush interval.
     */
    private void spill() {
        while (!stopping) {
            int count = held.fillFrom(buffer, batchSize);
            if (count == 0) {
                return;
            }
            try {
                held.appendTo(spool);
            } catch (IOException e) {
                spoolFailed(count, e);
                nextSpillNanos = System.nanoTime() + flushIntervalNanos;
                return;
            }
            if (databaseUp && buffer.depth() < buffer.highWater() / 2) {
                return;
            }
        }
    }

    private void spoolFailed(int count, IOException e) {
        long total = failedSpoolWrites.incrementAndGet();
        if (spoolFailureLog.tryAcquire()) {
            LOG.error("Usage spool write failed, events kept in memory count={} inMemory={} bufferCapacity={}"
                    + " spoolFailures={} lost={} spoolBytes={} spoolMaxBytes={} dir={} error={}", count, inMemory(),
                    buffer.capacity(), total, buffer.dropped() + lostAtStop.get(), spool.bytes(), spool.maxBytes(),
                    spool.directory(), e.getMessage());
        }
    }

    /** The database's own words, without the statement Jdbi appends. */
    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    }

    private static void joinUninterruptibly(Thread thread) {
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
