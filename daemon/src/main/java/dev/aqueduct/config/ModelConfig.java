package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A model clients may name, other names it answers to, and where it runs.
 *
 * @param deployments tried in order: a deployment that fails before the first byte reaches the
 *     client hands the request to the next one
 */
public record ModelConfig(String name, List<String> aliases, List<DeploymentConfig> deployments) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ModelConfig of(
            @Nullable String name,
            @Nullable List<String> aliases,
            @Nullable List<DeploymentConfig> deployments) {
        return new ModelConfig(
                name == null ? "" : name,
                aliases == null ? List.of() : List.copyOf(aliases),
                deployments == null ? List.of() : List.copyOf(deployments));
    }
}
