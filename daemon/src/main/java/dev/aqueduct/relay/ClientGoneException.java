package dev.aqueduct.relay;

import dev.aqueduct.common.AqueductException;

/** The client closed its connection while the gateway was still sending to it. */
final class ClientGoneException extends AqueductException {
    private static final long serialVersionUID = 1L;

    ClientGoneException(Throwable cause) {
        super("Client closed the connection", cause);
    }
}
