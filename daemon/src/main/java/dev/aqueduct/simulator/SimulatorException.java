package dev.aqueduct.simulator;

import dev.aqueduct.common.AqueductException;

/** The simulator cannot start: its options are out of range or its address cannot be bound. */
public final class SimulatorException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
