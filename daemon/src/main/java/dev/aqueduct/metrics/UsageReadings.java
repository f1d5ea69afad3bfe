package dev.aqueduct.metrics;

import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsageWriter;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Where the usage gauges read from, each read when {@code /metrics} is scraped. A reading that
 * is null is not reported at all.
 *
 * @param bufferDepth events waiting in memory for the writer
 * @param bufferCapacity the most events the buffer holds
 * @param dropped events refused because the buffer was full, since start
 * @param stored events stored in the database, since start
 * @param failedWrites attempts to store a batch that failed, since start
 * @param spoolBytes the size of the local spool file of events not yet stored
 * @param spoolEvents the events in that spool file
 */
public record UsageReadings(
        LongSupplier bufferDepth,
        LongSupplier bufferCapacity,
        LongSupplier dropped,
        LongSupplier stored,
        @Nullable LongSupplier failedWrites,
        @Nullable LongSupplier spoolBytes,
        @Nullable LongSupplier spoolEvents) {

    /** What the usage buffer and its writer report. */
    public static UsageReadings of(UsageBuffer buffer, UsageWriter writer) {
        return new UsageReadings(buffer::depth, buffer::capacity, buffer::dropped, writer::stored, null, null, null);
    }
}
