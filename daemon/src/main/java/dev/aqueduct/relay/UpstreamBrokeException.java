package dev.aqueduct.relay;

import dev.aqueduct.common.AqueductException;

/** The provider's connection failed after its response had begun. */
final class UpstreamBrokeException extends AqueductException {
    private static final long serialVersionUID = 1L;

    UpstreamBrokeException(Throwable cause) {
        super("Upstream connection failed mid-response: " + cause.getMessage(), cause);
    }
}
