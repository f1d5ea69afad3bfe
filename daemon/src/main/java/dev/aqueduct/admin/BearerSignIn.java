package dev.aqueduct.admin;

/**
 * Signs in the caller of the admin API from a bearer token that is neither a management key nor
 * an inference key, such as a token from the organization's OpenID Connect provider.
 *
 * <p>{@link #userId} answers with the id of the signed-in user, or empty when the token is not
 * valid, which the admin API answers with 401. Implementations never log the token.
 */
public interface BearerSignIn { java.util.Optional<String> userId(String bearerToken); }
