package dev.aqueduct.common.client;

import com.fasterxml.jackson.databind.JavaType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One call of the admin API, not yet sent: method, path below {@code /admin/v1}, query, body and
 * the type its answer is read as. {@link AdminRequests} makes one for every endpoint; the
 * {@link AdminClient} sends it and answers the record, or the JSON exactly as the server wrote it.
 *
 * @param path the path segments below {@code /admin/v1}, each encoded when sent
 * @param query query parameters in order; parameters without a value are left out
 * @param body the JSON body, or null for none
 * @param answer what the answer is read as; {@code Void} for answers without a body
 */
public record AdminRequest<T>(String method, List<String> path, Map<String, String> query, @Nullable Object body,
        JavaType answer) {
    public AdminRequest {
        path = List.copyOf(path);
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** This request with the query parameter set, or removed when {@code value} is null. */
    public AdminRequest<T> with(String name, @Nullable Object value) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, String.valueOf(value));
        }
        return new AdminRequest<>(method, path, changed, body, answer);
    }

    /** As messages show the call: {@code GET /admin/v1/teams/team_1/members}. */
    public String describe() {
        return method + " " + AdminClient.API_PATH + "/" + String.join("/", path);
    }

    /** Leaves the body out: it may hold what should not reach a log. */
    @Override
    public String toString() {
        return "AdminRequest[" + describe() + ", query=" + query + "]";
    }
}
