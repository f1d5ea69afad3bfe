package dev.aqueduct.common.client;

import dev.aqueduct.common.AqueductException;

/**
 * The admin API could not be reached, or did not answer in time: nothing is known about whether
 * a change was made. The message names the URL and what went wrong.
 */
public final class AdminConnectionException extends AqueductException {
    private static final long serialVersionUID = 1L;

    private final String url;

    public AdminConnectionException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The server's base URL, as configured. */
    public String url() {
        return url;
    }
}
