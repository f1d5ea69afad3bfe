package dev.aqueduct.http;

import dev.aqueduct.common.AqueductException;
import dev.aqueduct.common.error.OpenAiError;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the gateway refuses or cannot serve, answered with {@link #status()} and the OpenAI
 * error shape. The message is shown to the client, so it never contains a key.
 */
public final class ApiException extends AqueductException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final @Nullable String code;
    private final @Nullable String param;
    private final Map<String, String> headers;

    public ApiException(int status, String type, @Nullable String code, @Nullable String param, String message) {
        this(status, type, code, param, message, Map.of());
    }

    public ApiException(int status, String type, @Nullable String code, @Nullable String param, String message,
            Map<String, String> headers) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(@Nullable String param, String message) {
        return new ApiException(400, "invalid_request_error", null, param, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "invalid_request_error", "invalid_api_key", null, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, "invalid_request_error", code, null, message);
    }

    public int status() {
        return status;
    }

    /** Extra response headers, such as {@code Allow} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public OpenAiError toError() {
        return OpenAiError.of(type, code, param, getMessage());
    }
}
