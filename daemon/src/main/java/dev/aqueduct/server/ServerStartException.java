package dev.aqueduct.server;

import dev.aqueduct.common.AqueductException;

/** The daemon cannot listen where it is configured to, such as a port already in use. */
public final class ServerStartException extends AqueductException {
    private static final long serialVersionUID = 1L;

    ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
