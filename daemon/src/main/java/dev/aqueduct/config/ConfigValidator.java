package dev.aqueduct.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks what binding cannot: ranges, references between sections and unique names. */
final class ConfigValidator {
    private final String file;

    ConfigValidator(String file) {
        this.file = file;
    }

    void validate(GatewayConfig config) {
        validateServer(config.server());
        validateDatabase(config.database());
        check(config.auth().keyCacheSeconds() >= 0, "auth.key-cache-seconds", "must be 0 or more");
        validateUsage(config.usage());
        Set<String> providers = validateProviders(config.providers());
        validateModels(config.models(), providers);
    }

    private void validateServer(ServerConfig server) {
        check(!server.host().isBlank(), "server.host", "must not be empty");
        check(server.port() >= 0 && server.port() <= 65_535, "server.port",
                "must be between 0 and 65535, got " + server.port());
        check(server.maxBodyBytes() > 0, "server.max-body-bytes", "must be positive, got " + server.maxBodyBytes());
        check(server.shutdownTimeoutSeconds() >= 0, "server.shutdown-timeout-seconds", "must be 0 or more");
    }

    private void validateDatabase(DatabaseConfig database) {
        check(database.url().startsWith("jdbc:sqlite:") || database.url().startsWith("jdbc:postgresql:"),
                "database.url", "must start with jdbc:sqlite: or jdbc:postgresql:, got '" + database.url() + "'");
        check(database.poolSize() >= 1, "database.pool-size", "must be at least 1");
        check(database.connectTimeoutSeconds() >= 0, "database.connect-timeout-seconds", "must be 0 or more");
    }

    private void validateUsage(UsageConfig usage) {
        check(usage.bufferSize() >= 1, "usage.buffer-size", "must be at least 1");
        check(usage.batchSize() >= 1, "usage.batch-size", "must be at least 1");
        check(usage.flushIntervalMillis() >= 1, "usage.flush-interval-millis", "must be at least 1");
        check(usage.retentionDays() >= 0, "usage.retention-days", "must be 0 (keep forever) or more");
    }

    private Set<String> validateProviders(List<ProviderConfig> providers) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < providers.size(); i++) {
            ProviderConfig provider = providers.get(i);
            String at = "providers[" + i + "]";
            check(!provider.name().isBlank(), at + ".name", "is required");
            check(names.add(provider.name()), at + ".name", "'" + provider.name() + "' is used twice");
            String scheme = provider.baseUrl().getScheme();
            check(("http".equals(scheme) || "https".equals(scheme)) && provider.baseUrl().getHost() != null,
                    at + ".base-url", "must be an http or https URL, got '" + provider.baseUrl() + "'");
            check(provider.timeoutSeconds() >= 1, at + ".timeout-seconds", "must be at least 1");
            check(provider.connectTimeoutSeconds() >= 1, at + ".connect-timeout-seconds", "must be at least 1");
        }
        return names;
    }

    private void validateModels(List<ModelConfig> models, Set<String> providers) {
        Map<String, String> taken = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            ModelConfig model = models.get(i);
            String at = "models[" + i + "]";
            check(!model.name().isBlank(), at + ".name", "is required");
            claim(taken, model.name(), at + ".name");
            for (int a = 0; a < model.aliases().size(); a++) {
                String alias = model.aliases().get(a);
                check(!alias.isBlank(), at + ".aliases[" + a + "]", "must not be empty");
                claim(taken, alias, at + ".aliases[" + a + "]");
            }
            check(!model.deployments().isEmpty(), at + ".deployments", "needs at least one deployment");
            for (int d = 0; d < model.deployments().size(); d++) {
                String provider = model.deployments().get(d).provider();
                String upstreamModel = model.deployments().get(d).model();
                check(upstreamModel == null || !upstreamModel.isBlank(), at + ".deployments[" + d + "].model",
                        "must not be empty; leave it out to send the model's own name");
                check(providers.contains(provider), at + ".deployments[" + d + "].provider",
                        "unknown provider '" + provider + "'; known providers: " + String.join(", ", providers));
            }
        }
    }

    private void claim(Map<String, String> taken, String name, String field) {
        String previous = taken.putIfAbsent(name, field);
        check(previous == null, field, "'" + name + "' is already used at " + previous);
    }

    private void check(boolean ok, String field, String problem) {
        if (!ok) {
            throw new ConfigException(file + ": " + field + ": " + problem);
        }
    }
}
