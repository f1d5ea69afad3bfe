package dev.aqueduct.models;

import dev.aqueduct.config.DeploymentConfig;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.config.ModelConfig;
import dev.aqueduct.config.ProviderConfig;
import dev.aqueduct.http.ApiException;
import dev.aqueduct.keys.KeyRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves the model a client names, by name or alias, to its deployments, and answers which
 * models a key may use. The relay and the {@code /v1/models} listing both ask here, so a key is
 * never shown a model it cannot call, nor refused one it was shown.
 */
public final class ModelCatalog {
    private final List<Model> models;
    private final Map<String, Model> byName;

    private ModelCatalog(List<Model> models) {
        this.models = List.copyOf(models);
        this.byName = new HashMap<>();
        for (Model model : models) {
            byName.put(model.name(), model);
            model.aliases().forEach(alias -> byName.put(alias, model));
        }
    }

    /** Builds the catalog from a validated configuration. */
    public static ModelCatalog from(GatewayConfig config) {
        Map<String, ProviderConfig> providers = config.providers().stream()
                .collect(Collectors.toMap(ProviderConfig::name, Function.identity()));
        List<Model> models = new ArrayList<>();
        for (ModelConfig model : config.models()) {
            List<Deployment> deployments = new ArrayList<>();
            for (DeploymentConfig deployment : model.deployments()) {
                String upstream = deployment.model() == null ? model.name() : deployment.model();
                deployments.add(new Deployment(providers.get(deployment.provider()), upstream));
            }
            models.add(new Model(model.name(), model.aliases(), List.copyOf(deployments)));
        }
        return new ModelCatalog(models);
    }

    /**
     * The model {@code requested} names, if {@code key} may use it. A model the key may not use
     * is answered exactly like one that does not exist.
     */
    public Optional<Model> resolve(String requested, KeyRecord key) {
        Model model = byName.get(requested);
        return model != null && mayUse(key, model) ? Optional.of(model) : Optional.empty();
    }

    /** Every configured model, in configuration order. */
    public List<Model> all() {
        return models;
    }

    /** Whether {@code name} is a configured model's name or alias. */
    public boolean knows(String name) {
        return byName.containsKey(name);
    }

    /** The models {@code key} may use, in configuration order. */
    public List<Model> visibleTo(KeyRecord key) {
        return models.stream().filter(model -> mayUse(key, model)).toList();
    }

    /**
     * The answer for a model that does not exist or that the key may not use, the same for both,
     * as OpenAI words it. Long names are shortened: the name is the client's input, echoed.
     */
    public static ApiException unknownModel(String requested) {
        String shown = requested.length() > 100 ? requested.substring(0, 100) + "..." : requested;
        return ApiException.notFound("model_not_found",
                "The model '" + shown + "' does not exist or you do not have access to it.");
    }

    private static boolean mayUse(KeyRecord key, Model model) {
        // Every key may use every configured model until model access policies exist.
        return true;
    }
}
