package dev.aqueduct.usage;

import dev.aqueduct.keys.KeyService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores a batch of events in one transaction: the events, the hourly rollups of the events
 * newly inserted, and the keys' last use. An event whose id is already stored is skipped and
 * not summed again, so storing the same event twice (a retry after an uncertain commit, or a
 * spool replayed after a crash) counts it once.
 */
final class UsageStore {
    private final Jdbi jdbi;
    private final KeyService keys;

    UsageStore(Jdbi jdbi, KeyService keys) {
        this.jdbi = jdbi;
        this.keys = keys;
    }

    /**
     * Stores {@code events} and returns how many were new.
     *
     * @throws RuntimeException when the database fails; nothing of the batch is stored then
     */
    int store(List<UsageEvent> events) {
        return jdbi.inTransaction(handle -> write(handle, events));
    }

    private int write(Handle handle, List<UsageEvent> events) {
        UsageDao dao = handle.attach(UsageDao.class);
        int[] counts = dao.insertEvents(events);
        List<UsageEvent> inserted = new ArrayList<>(events.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                inserted.add(events.get(i));
            }
        }
        if (!inserted.isEmpty()) {
            dao.upsertHourly(HourlyRollups.of(inserted));
            keys.touchLastUsed(lastUseByKey(inserted));
        }
        return inserted.size();
    }

    private static Map<String, Instant> lastUseByKey(List<UsageEvent> events) {
        Map<String, Instant> lastUse = new HashMap<>();
        for (UsageEvent event : events) {
            lastUse.merge(event.keyId(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return lastUse;
    }
}
