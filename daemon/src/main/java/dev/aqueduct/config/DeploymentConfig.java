package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * One place a model runs: a provider and the provider's own name for the model.
 *
 * @param model the name sent upstream; defaults to the gateway's model name when absent
 */
public record DeploymentConfig(String provider, @Nullable String model) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static DeploymentConfig of(@Nullable String provider, @Nullable String model) {
        return new DeploymentConfig(provider == null ? "" : provider, model);
    }
}
