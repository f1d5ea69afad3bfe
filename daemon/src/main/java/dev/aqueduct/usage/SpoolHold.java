package dev.aqueduct.usage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events the spiller took from the buffer for the spool. When the spool refuses them they stay
 * here, for the next try or for the writer, instead of being lost.
 */
final class SpoolHold {
    private final List<UsageEvent> events = new ArrayList<>();
    private volatile int count;

    /** Tops the hold up to {@code max} events from {@code buffer}; how many it holds. */
    synchronized int fillFrom(UsageBuffer buffer, int max) {
        buffer.drainTo(events, max - events.size());
        count = events.size();
        return count;
    }

    /** Appends the held events to the spool, synced, and forgets them; keeps them when it fails. */
    synchronized void appendTo(UsageSpool spool) throws IOException {
        spool.append(events, true);
        events.clear();
        count = 0;
    }

    /** Holds {@code more} as well, after what it holds. */
    synchronized void add(List<UsageEvent> more) {
        events.addAll(more);
        count = events.size();
    }

    /** Hands the held events to the writer's batch. */
    synchronized void moveTo(List<UsageEvent> batch) {
        if (!events.isEmpty()) {
            batch.addAll(events);
            events.clear();
            count = 0;
        }
    }

    int count() {
        return count;
    }
}
