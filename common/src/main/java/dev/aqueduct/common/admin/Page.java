package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing. Ask for the next page with {@code ?after=} set to {@code nextAfter}.
 *
 * @param hasMore whether more items follow this page
 * @param nextAfter the id to pass as {@code after} for the next page, or null on the last page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> data, boolean hasMore, @Nullable String nextAfter) {
    public Page {
        data = List.copyOf(data);
    }
}
