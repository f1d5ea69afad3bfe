package dev.aqueduct.admin;

import dev.aqueduct.http.ApiException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The admin API's refusals, in the OpenAI error shape with the admin API's error types. */
public final class AdminErrors {
    private AdminErrors() {
    }

    /** 400: the request is malformed; {@code param} names the offending field or query parameter. */
    public static ApiException invalid(@Nullable String param, String message) {
        return new ApiException(400, "invalid_request_error", null, param, message);
    }

    /** 401: no usable credentials. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "authentication_error", "invalid_credentials", null, message);
    }

    /** 403: the caller may see the object but not do this to it. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "permission_error", "forbidden", null, message);
    }

    /**
     * 404: the object does not exist, or the caller may not see it; both get exactly this answer.
     *
     * @param param the field that named the object when it came in a body or query, else null
     */
    public static ApiException notFound(String what, String id, @Nullable String param) {
        String shown = id.length() > 100 ? id.substring(0, 100) + "..." : id;
        return new ApiException(404, "not_found_error", "not_found", param, "No " + what + " '" + shown + "'");
    }

    /** 409: the change conflicts with what is stored, such as a duplicate name. */
    public static ApiException conflict(String code, String message) {
        return new ApiException(409, "conflict_error", code, null, message);
    }

    /** 413: the request body is over the admin API's limit. */
    public static ApiException tooLarge(long limit) {
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "The request body is over the admin API's limit of " + limit + " bytes");
    }

    /** 405: the route exists, with other methods. */
    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "invalid_request_error", "method_not_allowed", null,
                "Method " + method + " is not allowed here; use " + allowed, Map.of("Allow", allowed));
    }
}
