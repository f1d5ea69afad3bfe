package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How API keys are checked and, when configured, how people sign in.
 *
 * @param keyCacheSeconds how long a looked-up key is trusted before the database is asked again;
 *     this bounds how long a key revoked elsewhere (another instance, the CLI) keeps working
 * @param oidc single sign-on through an OpenID Connect provider, or null when there is none
 */
public record AuthConfig(int keyCacheSeconds, @Nullable OidcConfig oidc) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static AuthConfig of(@Nullable Integer keyCacheSeconds, @Nullable OidcConfig oidc) {
        return new AuthConfig(keyCacheSeconds == null ? 10 : keyCacheSeconds, oidc);
    }

    public static AuthConfig defaults() {
        return of(null, null);
    }
}
