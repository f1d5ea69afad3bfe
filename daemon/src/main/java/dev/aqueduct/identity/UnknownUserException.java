package dev.aqueduct.identity;

/** No user has the given email address. */
public final class UnknownUserException extends IdentityException {
    private static final long serialVersionUID = 1L;

    public UnknownUserException(String email) {
        super("Unknown user '" + email + "'; add the user first: aqueduct users add --email " + email);
    }
}
