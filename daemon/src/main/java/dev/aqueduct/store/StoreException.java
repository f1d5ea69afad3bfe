package dev.aqueduct.store;

import dev.aqueduct.common.AqueductException;

/** The database cannot be opened, migrated or used; the message says which database and why. */
public final class StoreException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
