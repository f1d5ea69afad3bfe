package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Limits;
import dev.aqueduct.common.admin.ModelAccess;
import dev.aqueduct.common.admin.ModelLimits;
import dev.aqueduct.common.admin.Policy;
import dev.aqueduct.models.ModelCatalog;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Validates a policy before it is stored: every model named is a configured model or alias,
 * and every limit is a positive integer. Each refusal is a 400 naming the field, such as
 * {@code models.allow[2]} or {@code limits.models.mini.tokens_per_day}.
 */
final class PolicyChecks {
    private final ModelCatalog catalog;

    PolicyChecks(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    void check(Policy policy) {
        ModelAccess models = policy.models();
        if (models != null) {
            checkModels(models.allow(), "models.allow");
            checkModels(models.deny(), "models.deny");
        }
        Limits limits = policy.limits();
        if (limits != null) {
            positive(limits.requestsPerMinute(), "limits.requests_per_minute");
            positive(limits.tokensPerMinute(), "limits.tokens_per_minute");
            positive(limits.concurrentRequests(), "limits.concurrent_requests");
            positive(limits.tokensPerDay(), "limits.tokens_per_day");
            positive(limits.tokensPerMonth(), "limits.tokens_per_month");
            Map<String, ModelLimits> perModel = limits.models();
            if (perModel != null) {
                perModel.forEach(this::checkModelLimits);
            }
        }
    }

    private void checkModelLimits(String model, @Nullable ModelLimits limits) {
        String prefix = "limits.models." + model;
        known(model, prefix);
        Fields.required(limits, prefix);
        positive(limits.requestsPerMinute(), prefix + ".requests_per_minute");
        positive(limits.tokensPerMinute(), prefix + ".tokens_per_minute");
        positive(limits.concurrentRequests(), prefix + ".concurrent_requests");
        positive(limits.tokensPerDay(), prefix + ".tokens_per_day");
        positive(limits.tokensPerMonth(), prefix + ".tokens_per_month");
    }

    private void checkModels(@Nullable List<String> names, String param) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            known(Fields.required(names.get(i), param + "[" + i + "]"), param + "[" + i + "]");
        }
    }

    private void known(String name, String param) {
        if (!catalog.knows(name)) {
            String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
            String names = catalog.all().stream().map(m -> m.name()).collect(Collectors.joining(", "));
            throw AdminErrors.invalid(param, "Unknown model '" + shown + "'; configured models: " + names);
        }
    }

    private static void positive(@Nullable Long value, String param) {
        if (value != null && value <= 0) {
            throw AdminErrors.invalid(param, "'" + param + "' must be a positive integer, got " + value);
        }
    }
}
