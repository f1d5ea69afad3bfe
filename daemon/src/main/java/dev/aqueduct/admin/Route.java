package dev.aqueduct.admin;

import java.util.List;
import java.util.Set;

/**
 * One operation of the admin API: a method, a path template below {@code /admin/v1} such as
 * {@code /teams/{team_id}/members}, the query parameters it takes, whether it is open to
 * callers without credentials, and what it does.
 */
record Route(String method, String template, Set<String> query, boolean open, Action action) {
    /** The work of one route; runs on the request's virtual thread. */
    @FunctionalInterface
    interface Action {
        Reply handle(AdminCall call);
    }

    Route {
        query = Set.copyOf(query);
    }

    static Route of(String method, String template, Action action, String... query) {
        return new Route(method, template, Set.of(query), false, action);
    }

    /** A route anyone may call, without credentials. */
    static Route open(String method, String template, Action action) {
        return new Route(method, template, Set.of(), true, action);
    }

    List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }

    /** As the OpenAPI document and the tests name it: {@code GET /teams/{team_id}}. */
    String name() {
        return method + " " + template;
    }
}
