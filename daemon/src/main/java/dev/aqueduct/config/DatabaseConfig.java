package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The database the daemon stores identities, keys and usage in.
 *
 * @param url a JDBC URL; {@code jdbc:sqlite:FILE} for the embedded default
 * @param poolSize connections kept open; SQLite serializes writers, so a few are enough there
 */
public record DatabaseConfig(String url, @Nullable String username, @Nullable String password, int poolSize) {
    public static final String DEFAULT_URL = "jdbc:sqlite:data/aqueduct.db";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static DatabaseConfig of(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @Nullable Integer poolSize) {
        return new DatabaseConfig(
                url == null ? DEFAULT_URL : url,
                username,
                password,
                poolSize == null ? 8 : poolSize);
    }

    public static DatabaseConfig defaults() {
        return of(null, null, null, null);
    }

    /** A copy pointing at another URL, for tests and tools that choose their own file. */
    public DatabaseConfig withUrl(String newUrl) {
        return new DatabaseConfig(newUrl, username, password, poolSize);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
