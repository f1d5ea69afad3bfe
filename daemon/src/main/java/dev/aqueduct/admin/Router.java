package dev.aqueduct.admin;

import dev.aqueduct.http.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds the route for a method and a path below {@code /admin/v1}, and the values of its path parameters. */
final class Router {
    /** A matched route with its path parameters, by name. */
    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    /** The route, or 404 for an unknown path and 405 for a known path with another method. */
    Match match(String method, String path) {
        List<String> segments = List.of(path.substring(path.startsWith("/") ? 1 : 0).split("/", -1));
        List<Match> byPath = routes.stream()
                .map(route -> bind(route, segments))
                .flatMap(Optional::stream)
                .toList();
        if (byPath.isEmpty()) {
            String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
            throw new ApiException(404, "not_found_error", "unknown_url", null,
                    "Invalid URL (" + method + " /admin/v1" + shown + ")");
        }
        return byPath.stream().filter(m -> m.route().method().equals(method)).findFirst()
                .orElseThrow(() -> AdminErrors.methodNotAllowed(method, byPath.stream()
                        .map(m -> m.route().method()).distinct().collect(Collectors.joining(", "))));
    }

    private static Optional<Match> bind(Route route, List<String> segments) {
        List<String> template = route.segments();
        if (template.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            String value = segments.get(i);
            if (part.startsWith("{")) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(part.substring(1, part.length() - 1), value);
            } else if (!part.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(route, params));
    }
}
