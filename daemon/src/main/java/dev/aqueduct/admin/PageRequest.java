package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Page;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a listing to answer: at most {@code limit} items whose id sorts after
 * {@code after} (before it, for listings newest first). Queries fetch one more row than the
 * limit, which tells whether more follow.
 */
record PageRequest(int limit, @Nullable String after) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** The page of {@code rows}, fetched with {@link #fetch()} rows, as answered. */
    <T> Page<T> toPage(List<T> rows, Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, false, null);
        }
        List<T> data = rows.subList(0, limit);
        return new Page<>(data, true, id.apply(data.getLast()));
    }

    /** How many rows to ask the database for. */
    int fetch() {
        return limit + 1;
    }
}
