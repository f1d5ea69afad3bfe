package dev.aqueduct.identity;

/** Bootstrap was asked for, but the gateway already has an admin. */
public final class AlreadyBootstrappedException extends IdentityException {
    private static final long serialVersionUID = 1L;

    public AlreadyBootstrappedException(String message) {
        super(message);
    }
}
