package dev.aqueduct.models;

import dev.aqueduct.config.ProviderConfig;

/**
 * One place a model runs.
 *
 * @param upstreamModel the provider's name for the model, sent upstream in place of the client's
 */
public record Deployment(ProviderConfig provider, String upstreamModel) {
    /** {@code provider/model}, as stored with usage and shown in logs. */
    public String label() {
        return provider.name() + "/" + upstreamModel;
    }
}
