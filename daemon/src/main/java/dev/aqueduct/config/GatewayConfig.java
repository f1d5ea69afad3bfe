package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The whole configuration file; every section but providers and models has defaults. */
public record GatewayConfig(
        ServerConfig server,
        DatabaseConfig database,
        AuthConfig auth,
        UsageConfig usage,
        MetricsConfig metrics,
        List<ProviderConfig> providers,
        List<ModelConfig> models) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static GatewayConfig of(
            @Nullable ServerConfig server,
            @Nullable DatabaseConfig database,
            @Nullable AuthConfig auth,
            @Nullable UsageConfig usage,
            @Nullable MetricsConfig metrics,
            @Nullable List<ProviderConfig> providers,
            @Nullable List<ModelConfig> models) {
        return new GatewayConfig(
                server == null ? ServerConfig.defaults() : server,
                database == null ? DatabaseConfig.defaults() : database,
                auth == null ? AuthConfig.defaults() : auth,
                usage == null ? UsageConfig.defaults() : usage,
                metrics == null ? MetricsConfig.defaults() : metrics,
                providers == null ? List.of() : List.copyOf(providers),
                models == null ? List.of() : List.copyOf(models));
    }
}
