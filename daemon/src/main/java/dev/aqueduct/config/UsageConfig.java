package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How usage events travel from the relay to the database.
 *
 * @param bufferSize events held in memory waiting for the writer
 * @param flushIntervalMillis longest time an event waits before the writer stores it
 * @param batchSize most events stored in one transaction
 */
public record UsageConfig(int bufferSize, long flushIntervalMillis, int batchSize) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static UsageConfig of(
            @Nullable Integer bufferSize,
            @Nullable Long flushIntervalMillis,
            @Nullable Integer batchSize) {
        return new UsageConfig(
                bufferSize == null ? 65_536 : bufferSize,
                flushIntervalMillis == null ? 1000 : flushIntervalMillis,
                batchSize == null ? 1000 : batchSize);
    }

    public static UsageConfig defaults() {
        return of(null, null, null);
    }
}
