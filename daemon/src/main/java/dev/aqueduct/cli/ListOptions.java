package dev.aqueduct.cli;

import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.client.AdminRequest;
import dev.aqueduct.common.client.PageOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --limit}, {@code --after} and {@code --all}: which page of a listing to show, or every page. */
public final class ListOptions {
    /** The page size when following every page: the admin API's largest, for the fewest calls. */
    static final int ALL_PAGE_SIZE = 200;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N items per page, 1 to 200 (default: the server's, 50).")
    private @Nullable Integer limit;

    @Option(names = "--after", paramLabel = "ID",
            description = "Start after this id: the next_after of the page before.")
    private @Nullable String after;

    @Option(names = "--all", description = "Follow every page and show all items.")
    private boolean all;

    /** {@code request} asking for pages as large as they come, to follow them all. */
    static <T> AdminRequest<Page<T>> everything(AdminRequest<Page<T>> request) {
        return new PageOptions(ALL_PAGE_SIZE, null).apply(request);
    }

    /** Whether any of the options is on the command line. */
    boolean given() {
        return limit != null || after != null || all;
    }

    boolean all() {
        return all;
    }

    /** {@code request} asking for the page the options name; with {@code --all}, the first of them. */
    <T> AdminRequest<Page<T>> apply(AdminRequest<Page<T>> request) {
        Integer size = limit == null && all ? Integer.valueOf(ALL_PAGE_SIZE) : limit;
        return new PageOptions(size, after).apply(request);
    }
}
