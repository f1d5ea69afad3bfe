package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Where the daemon listens and how much it accepts.
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413 without being read whole
 * @param shutdownTimeoutSeconds how long a graceful stop waits for open requests to finish
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int shutdownTimeoutSeconds) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ServerConfig of(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Long maxBodyBytes,
            @Nullable Integer shutdownTimeoutSeconds) {
        return new ServerConfig(
                host == null ? "127.0.0.1" : host,
                port == null ? 8080 : port,
                maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes,
                shutdownTimeoutSeconds == null ? 30 : shutdownTimeoutSeconds);
    }

    public static ServerConfig defaults() {
        return of(null, null, null, null);
    }
}
