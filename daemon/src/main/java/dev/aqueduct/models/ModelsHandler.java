package dev.aqueduct.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aqueduct.http.Responses;
import dev.aqueduct.keys.KeyRecord;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * Answers {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's shapes, listing
 * exactly the models the calling key may use. Model names may contain {@code /}.
 */
public final class ModelsHandler {
    private static final String PREFIX = "/v1/models/";

    private final ModelCatalog catalog;
    private final long createdEpochSeconds;

    public ModelsHandler(ModelCatalog catalog, long createdEpochSeconds) {
        this.catalog = catalog;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /** Lists the models {@code key} may use. */
    public void list(HttpServerExchange exchange, KeyRecord key) {
        List<ModelObject> data = catalog.visibleTo(key).stream().map(this::toObject).toList();
        Responses.json(exchange, 200, new ModelList("list", data));
    }

    /** Describes one model, by name or alias, or answers 404 as OpenAI does. */
    public void retrieve(HttpServerExchange exchange, KeyRecord key) {
        // Undertow has decoded the path, encoded slashes included, so 'org%2Fmodel' arrives as 'org/model'.
        String requested = exchange.getRequestPath().substring(PREFIX.length());
        Model model = catalog.resolve(requested, key).orElseThrow(() -> ModelCatalog.unknownModel(requested));
        ModelObject object = toObject(model);
        Responses.json(exchange, 200, new ModelObject(requested, object.object(), object.created(), object.ownedBy()));
    }

    private ModelObject toObject(Model model) {
        return new ModelObject(model.name(), "model", createdEpochSeconds,
                model.deployments().getFirst().provider().name());
    }

    /** Whether {@code path} names one model, as in {@code /v1/models/org/model}. */
    public static boolean isRetrieve(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length();
    }

    record ModelList(String object, List<ModelObject> data) {
    }

    record ModelObject(String id, String object, long created,
            @JsonProperty("owned_by") String ownedBy) {
    }
}
