package dev.aqueduct.simulator;

import dev.aqueduct.common.AqueductException;
import org.jspecify.annotations.Nullable;

/** A request the simulator refuses, answered in OpenAI's error shape with the given status. */
final class ApiError extends AqueductException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String param;
    private final @Nullable String code;

    ApiError(int status, String message, @Nullable String param, @Nullable String code) {
        super(message);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    static ApiError badRequest(String message, @Nullable String param) {
        return new ApiError(400, message, param, null);
    }

    static ApiError missing(String param) {
        return badRequest("Missing required parameter: '" + param + "'.", param);
    }

    int status() {
        return status;
    }

    @Nullable String param() {
        return param;
    }

    @Nullable String code() {
        return code;
    }
}
