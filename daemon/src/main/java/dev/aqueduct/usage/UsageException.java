package dev.aqueduct.usage;

import dev.aqueduct.common.AqueductException;

/** Usage accounting cannot start as configured; the message says what and how to fix it. */
public final class UsageException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
