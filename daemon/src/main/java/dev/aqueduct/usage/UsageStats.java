package dev.aqueduct.usage;

/**
 * A snapshot of the usage path, for metrics and health checks. Counts run from the daemon's start.
 *
 * @param bufferDepth events in memory waiting to be stored or spooled: the buffer, the batch being
 *        written and events the spool refused
 * @param bufferCapacity the buffer's size ({@code usage.buffer-size})
 * @param storedEvents events committed to the database, whether straight from memory or replayed
 * @param spooledEvents events written to the spool files
 * @param spoolBytes bytes in the spool files now, waiting for replay
 * @param replayedEvents events read back from the spool and committed to the database (under strict
 *        durability every stored event is one)
 * @param failedWrites database transactions that failed; their events were spooled or kept
 * @param failedSpoolWrites appends to the spool that failed (disk full, directory not writable,
 *        {@code usage.spool-max-bytes} reached); their events were kept in memory
 * @param lostEvents events that were never stored: refused by a full buffer, or neither stored nor
 *        spooled at a stop
 * @param lastFlushMicros how long the last committed database transaction took
 * @param databaseAvailable false from a failed write until the next successful one; meanwhile
 *        events go to the spool
 */
public record UsageStats(
        int bufferDepth,
        int bufferCapacity,
        long storedEvents,
        long spooledEvents,
        long spoolBytes,
        long replayedEvents,
        long failedWrites,
        long failedSpoolWrites,
        long lostEvents,
        long lastFlushMicros,
        boolean databaseAvailable) {
}
