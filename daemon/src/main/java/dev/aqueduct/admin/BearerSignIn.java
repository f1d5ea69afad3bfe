package dev.aqueduct.admin;

/** Turns a sign-in token (anything but an Aqueduct key) into the id of the user it signs in. */
public interface BearerSignIn {
    /** The signed-in user's id, or empty when {@code bearerToken} is not a valid token (401). */
    java.util.Optional<String> userId(String bearerToken);
}
