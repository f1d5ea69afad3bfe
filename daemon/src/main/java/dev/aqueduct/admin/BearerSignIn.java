package dev.aqueduct.admin;

/** Turns a sign-in token (anything but an Aqueduct key) into the id of the user it signs in. */
public interface BearerSignIn {
    /**
     * The longest bearer token the admin API takes, in characters: room for a sign-in token carrying
     * many groups. Longer ones are refused with 401 before any parsing, and sign-in refuses them too.
     */
    int MAX_TOKEN_CHARS = 16 * 1024;

    /** The signed-in user's id, or empty when {@code bearerToken} is not a valid token (401). */
    java.util.Optional<String> userId(String bearerToken);
}
