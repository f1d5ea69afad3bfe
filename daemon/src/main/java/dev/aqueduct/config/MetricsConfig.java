package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /metrics} endpoint in Prometheus text format.
 *
 * @param enabled whether the gateway keeps metrics and answers {@code /metrics}
 * @param token the bearer token a scraper must send, usually an environment reference; null when
 *     {@code /metrics} is open to anyone who can reach the listener. Never shown by {@link #toString()}
 */
public record MetricsConfig(boolean enabled, @Nullable String token) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static MetricsConfig of(@Nullable Boolean enabled, @Nullable String token) {
        return new MetricsConfig(enabled == null || enabled, token);
    }

    public static MetricsConfig defaults() {
        return of(null, null);
    }

    @Override
    public String toString() {
        return "MetricsConfig[enabled=" + enabled + ", token=" + (token == null ? "none" : "(set)") + "]";
    }
}
