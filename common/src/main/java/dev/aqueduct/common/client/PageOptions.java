package dev.aqueduct.common.client;

import dev.aqueduct.common.admin.Page;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a listing to ask for.
 *
 * @param limit how many items, 1 to 200; null for the server's default of 50
 * @param after the {@code next_after} of the page before; null for the first page
 */
public record PageOptions(@Nullable Integer limit, @Nullable String after) {
    /** The first page, of the server's default size. */
    public static final PageOptions FIRST = new PageOptions(null, null);

    /** {@code request} asking for this page. */
    public <T> AdminRequest<Page<T>> apply(AdminRequest<Page<T>> request) {
        return request.with("limit", limit).with("after", after);
    }
}
