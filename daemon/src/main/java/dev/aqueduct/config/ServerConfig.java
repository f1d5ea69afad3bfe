package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Where the daemon listens, how much it accepts and how it relays.
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413 without being read whole
 * @param shutdownTimeoutSeconds how long a graceful stop waits for open requests to finish
 * @param fastRelay whether a JSON request with an already-checked key and plain-HTTP deployments
 *     is relayed on its connection's I/O thread; when false, every request is relayed on a
 *     virtual thread, as it always is under strict usage durability
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int shutdownTimeoutSeconds,
        boolean fastRelay) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ServerConfig of(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Long maxBodyBytes,
            @Nullable Integer shutdownTimeoutSeconds,
            @Nullable Boolean fastRelay) {
        return new ServerConfig(
                host == null ? "127.0.0.1" : host,
                port == null ? 8080 : port,
                maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes,
                shutdownTimeoutSeconds == null ? 30 : shutdownTimeoutSeconds,
                fastRelay == null || fastRelay);
    }

    public static ServerConfig defaults() {
        return of(null, null, null, null, null);
    }
}
