package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How usage events travel from the relay to the database.
 *
 * @param bufferSize events held in memory waiting for the writer
 * @param flushIntervalMillis longest time an event waits before the writer stores it
 * @param batchSize most events stored in one transaction
 * @param retentionDays days usage events are kept before the pruner deletes them; 0 keeps them
 *        forever. Hourly rollups are always kept.
 */
public record UsageConfig(int bufferSize, long flushIntervalMillis, int batchSize, int retentionDays) {
    public static final int DEFAULT_RETENTION_DAYS = 90;

    /** The writer's settings with the default retention. */
    public UsageConfig(int bufferSize, long flushIntervalMillis, int batchSize) {
        this(bufferSize, flushIntervalMillis, batchSize, DEFAULT_RETENTION_DAYS);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static UsageConfig of(
            @Nullable Integer bufferSize,
            @Nullable Long flushIntervalMillis,
            @Nullable Integer batchSize,
            @Nullable Integer retentionDays) {
        return new UsageConfig(
                bufferSize == null ? 65_536 : bufferSize,
                flushIntervalMillis == null ? 1000 : flushIntervalMillis,
                batchSize == null ? 1000 : batchSize,
                retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays);
    }

    public static UsageConfig defaults() {
        return of(null, null, null, null);
    }
}
