package dev.aqueduct.keys;

import dev.aqueduct.common.AqueductException;

/** A request about keys cannot be done; the message says why and what to do. */
public class KeyException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }
}
