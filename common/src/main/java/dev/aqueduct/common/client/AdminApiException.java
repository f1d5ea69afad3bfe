package dev.aqueduct.common.client;

import dev.aqueduct.common.AqueductException;
import org.jspecify.annotations.Nullable;

/**
 * The admin API refused a call, or answered something that is not the admin API's: carries the
 * HTTP status and the error's {@code type}, {@code code} and {@code param} as the server sent
 * them, and the server's message.
 */
public final class AdminApiException extends AqueductException {
    /** The {@code type} given when the answer was not the admin API's JSON at all. */
    public static final String INVALID_RESPONSE = "invalid_response";

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final @Nullable String code;
    private final @Nullable String param;

    public AdminApiException(int status, String type, @Nullable String code, @Nullable String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /** The HTTP status, such as 404. */
    public int status() {
        return status;
    }

    /** The error type, such as {@code not_found_error}, or {@link #INVALID_RESPONSE}. */
    public String type() {
        return type;
    }

    /** The machine-readable code, such as {@code name_taken}, or null when the server gave none. */
    public @Nullable String code() {
        return code;
    }

    /** The field or query parameter the error is about, or null. */
    public @Nullable String param() {
        return param;
    }

    /** Whether the caller's credentials were missing or refused (401), or the action not allowed to them (403). */
    public boolean isRefused() {
        return status == 401 || status == 403;
    }

    /** Whether the object does not exist or the caller may not see it (404). */
    public boolean isNotFound() {
        return status == 404;
    }
}
