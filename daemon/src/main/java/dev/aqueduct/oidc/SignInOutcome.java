package dev.aqueduct.oidc;

/** What one bearer token amounted to: a signed-in user, or a rejection with its reason. */
public sealed interface SignInOutcome {
    /** The token is valid and names this user, who exists and is enabled. */
    record SignedIn(String userId) implements SignInOutcome {
    }

    /**
     * The token signs no one in.
     *
     * @param detail what exactly was wrong, without the token; for logs and tests, not for clients
     */
    record Rejected(RejectReason reason, String detail) implements SignInOutcome {
    }
}
