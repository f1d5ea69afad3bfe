package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code GET /usage}: rows for the hours from the one {@code since} falls in up
 * to the one {@code until} falls in, busiest first within each period.
 *
 * @param groupBy {@code org}, {@code team}, {@code user}, {@code key} or {@code model}
 * @param per {@code hour} or {@code day}, or null for one row per group over the whole window
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageTable(String groupBy, @Nullable String per, Instant since, Instant until, List<UsageRow> data) {
    public UsageTable {
        data = List.copyOf(data);
    }
}
