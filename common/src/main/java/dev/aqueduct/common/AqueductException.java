package dev.aqueduct.common;

/**
 * Root of every failure the gateway raises on purpose. Subclasses say what kind of failure it
 * is; the message says what failed, with the offending value, and the fix when known.
 */
public abstract class AqueductException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected AqueductException(String message) {
        super(message);
    }

    protected AqueductException(String message, Throwable cause) {
        super(message, cause);
    }
}
