package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The database the daemon stores identities, keys and usage in.
 *
 * @param url a JDBC URL; {@code jdbc:sqlite:FILE} for the embedded default, or
 *        {@code jdbc:postgresql://HOST:PORT/DATABASE}
 * @param poolSize connections kept open; SQLite serializes writers, so a few are enough there
 * @param connectTimeoutSeconds how long opening keeps retrying a database server that cannot be
 *        reached; 0 tries once
 */
public record DatabaseConfig(String url, @Nullable String username, @Nullable String password, int poolSize,
        int connectTimeoutSeconds) {
    public static final String DEFAULT_URL = "jdbc:sqlite:data/aqueduct.db";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 60;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static DatabaseConfig of(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @Nullable Integer poolSize,
            @Nullable Integer connectTimeoutSeconds) {
        return new DatabaseConfig(
                url == null ? DEFAULT_URL : url,
                username,
                password,
                poolSize == null ? 8 : poolSize,
                connectTimeoutSeconds == null ? DEFAULT_CONNECT_TIMEOUT_SECONDS : connectTimeoutSeconds);
    }

    public static DatabaseConfig defaults() {
        return of(null, null, null, null, null);
    }

    /** A copy pointing at another URL, for tests and tools that choose their own file. */
    public DatabaseConfig withUrl(String newUrl) {
        return new DatabaseConfig(newUrl, username, password, poolSize, connectTimeoutSeconds);
    }

    /** A copy that keeps retrying an unreachable server for {@code seconds}. */
    public DatabaseConfig withConnectTimeoutSeconds(int seconds) {
        return new DatabaseConfig(url, username, password, poolSize, seconds);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", username=" + username + ", poolSize=" + poolSize
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + "]";
    }
}
