package dev.aqueduct.usage;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Deletes old rows of {@code usage_events}; a bounded batch at a time, through the time index. */
interface UsagePruneDao {
    /** Deletes up to {@code limit} events from before {@code cutoff}; returns how many went. */
    @SqlUpdate("DELETE FROM usage_events WHERE id IN"
            + " (SELECT id FROM usage_events WHERE time < :cutoff LIMIT :limit)")
    int deleteBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
