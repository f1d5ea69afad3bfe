package dev.aqueduct.identity;

import dev.aqueduct.common.AqueductException;

/** A request about users, organizations or teams cannot be done; the message says why and what to do. */
public class IdentityException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }
}
