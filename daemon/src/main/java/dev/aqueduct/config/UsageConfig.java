package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How usage events travel from the relay to the database, and how long they stay there.
 *
 * @param bufferSize events held in memory waiting for the writer
 * @param flushIntervalMillis longest time an event waits before the writer stores it
 * @param batchSize most events stored in one transaction
 * @param durability {@value #BATCHED} (a crash loses at most one flush interval) or {@value #STRICT}
 *        (every event is on disk before the request's accounting completes)
 * @param spoolDir where events wait when the database cannot take them; null for the data directory
 * @param spoolMaxBytes most bytes the spool files may hold together
 * @param retentionDays days usage events are kept before the pruner deletes them; 0 keeps them
 *        forever. Hourly rollups are always kept.
 */
public record UsageConfig(int bufferSize, long flushIntervalMillis, int batchSize, String durability,
        @Nullable String spoolDir, long spoolMaxBytes, int retentionDays) {
    public static final String BATCHED = "batched";
    public static final String STRICT = "strict";
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1024L * 1024 * 1024;
    public static final int DEFAULT_RETENTION_DAYS = 90;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static UsageConfig of(
            @Nullable Integer bufferSize,
            @Nullable Long flushIntervalMillis,
            @Nullable Integer batchSize,
            @Nullable String durability,
            @Nullable String spoolDir,
            @Nullable Long spoolMaxBytes,
            @Nullable Integer retentionDays) {
        return new UsageConfig(
                bufferSize == null ? 65_536 : bufferSize,
                flushIntervalMillis == null ? 1000 : flushIntervalMillis,
                batchSize == null ? 1000 : batchSize,
                durability == null ? BATCHED : durability,
                spoolDir,
                spoolMaxBytes == null ? DEFAULT_SPOOL_MAX_BYTES : spoolMaxBytes,
                retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays);
    }

    /** Batched durability, the default spool and retention, with the given buffer and batch settings. */
    public UsageConfig(int bufferSize, long flushIntervalMillis, int batchSize) {
        this(bufferSize, flushIntervalMillis, batchSize, BATCHED, null, DEFAULT_SPOOL_MAX_BYTES,
                DEFAULT_RETENTION_DAYS);
    }

    public static UsageConfig defaults() {
        return of(null, null, null, null, null, null, null);
    }

    /** Whether every event must be on disk before the relay's request completes its accounting. */
    public boolean strict() {
        return STRICT.equals(durability);
    }
}
