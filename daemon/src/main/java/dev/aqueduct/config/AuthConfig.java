package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How API keys are checked.
 *
 * @param keyCacheSeconds how long a looked-up key is trusted before the database is asked again;
 *     this bounds how long a key revoked elsewhere (another instance, the CLI) keeps working
 */
public record AuthConfig(int keyCacheSeconds) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static AuthConfig of(@Nullable Integer keyCacheSeconds) {
        return new AuthConfig(keyCacheSeconds == null ? 10 : keyCacheSeconds);
    }

    public static AuthConfig defaults() {
        return of(null);
    }
}
