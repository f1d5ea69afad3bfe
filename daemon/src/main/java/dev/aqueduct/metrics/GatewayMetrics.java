package dev.aqueduct.metrics;

import com.codahale.metrics.Counter;
import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway's metrics: requests, errors, latencies and tokens from each request's usage
 * event, requests the gateway answered itself, deployment failovers, limit refusals, the usage
 * pipeline and the JVM. Label values come only from fixed sets (the relay's endpoints, the
 * configured models and deployments), so a client cannot grow the number of series; and each
 * series' handle is found by index on the hot path, without allocating.
 */
public final class GatewayMetrics {
    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";
    static final String MODELS_ENDPOINT = "/v1/models";

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Error statuses counted one by one; any other error is counted by its class. */
    private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 499, 500,
        501, 502, 503, 504};
    /** The statuses above, then {@code 4xx} and {@code 5xx} for the rest. */
    private static final int ERROR_SLOTS = ERROR_STATUSES.length + 2;
    private static final String[] TOKEN_KINDS = {"input", "output", "cached"};
    private static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
        60, 120, 300};
    private static final double[] OVERHEAD_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 1};

    private final boolean enabled;
    private final FamilyRegistry registry = new FamilyRegistry();
    private final LabelIndex endpoints;
    private final LabelIndex models;
    private final LabelIndex deployments;
    private final LazySeries<Counter> requests;
    private final LazySeries<Counter> errors;
    private final LazySeries<BucketHistogram> latency;
    private final LazySeries<BucketHistogram> firstToken;
    private final LazySeries<BucketHistogram> overhead;
    private final LazySeries<BucketHistogram> upstream;
    private final LazySeries<Counter> tokens;
    private final LazySeries<Counter> failovers;
    private final LazySeries<Counter> limitRefusals;

    private GatewayMetrics(boolean enabled, List<String> endpointPaths, List<String> modelNames,
            List<String> deploymentLabels) {
        this.enabled = enabled;
        List<String> endpointValues = new ArrayList<>(endpointPaths);
        endpointValues.add(MODELS_ENDPOINT);
        this.endpoints = new LabelIndex(endpointValues, OTHER);
        this.models = new LabelIndex(modelNames, UNKNOWN);
        this.deployments = new LabelIndex(deploymentLabels, UNKNOWN);
        int routes = endpoints.size() * models.size();
        this.requests = new LazySeries<>(routes * STATUS_CLASSES.length, routeCounter(registry.family(
                "aqueduct_requests_total", Family.Type.COUNTER,
                "Requests answered, by endpoint, model and status class"),
                STATUS_CLASSES.length, slot -> STATUS_CLASSES[slot]));
        this.errors = new LazySeries<>(routes * ERROR_SLOTS, routeCounter(registry.family(
                "aqueduct_errors_total", Family.Type.COUNTER, "Requests answered with a status of 400 or more"
                        + " (499: the client went away), by endpoint, model and status; uncommon statuses are counted"
                        + " by class"), ERROR_SLOTS, GatewayMetrics::errorLabel));
        this.latency = new LazySeries<>(routes, routeHistogram(registry.family(
                "aqueduct_request_duration_seconds", Family.Type.HISTOGRAM,
                "Time from a request's arrival to its last byte, by endpoint and model"), LATENCY_BOUNDS));
        this.firstToken = new LazySeries<>(routes, routeHistogram(registry.family(
                "aqueduct_time_to_first_token_seconds", Family.Type.HISTOGRAM, "Time from a request's arrival to"
                        + " the first byte of the answer sent to the client, by endpoint and model: the first event of"
                        + " a streamed answer, the start of any other"), LATENCY_BOUNDS));
        Family overheadFamily = registry.family("aqueduct_gateway_overhead_seconds", Family.Type.HISTOGRAM,
                "Time a request spent in the gateway itself, its latency minus the waits for the provider,"
                        + " by endpoint");
        this.overhead = new LazySeries<>(endpoints.size(), slot -> registry.histogram(overheadFamily,
                OVERHEAD_BOUNDS, "endpoint", endpoints.value(slot)));
        Family upstreamFamily = registry.family("aqueduct_upstream_duration_seconds", Family.Type.HISTOGRAM,
                "Time a request spent waiting on providers (connecting, sending, each read), by the last"
                        + " deployment tried");
        this.upstream = new LazySeries<>(deployments.size(), slot -> registry.histogram(upstreamFamily,
                LATENCY_BOUNDS, "deployment", deployments.value(slot)));
        Family tokenFamily = registry.family("aqueduct_tokens_total", Family.Type.COUNTER,
                "Tokens used, by model and kind (input, output, cached); cached tokens are part of the input");
        this.tokens = new LazySeries<>(models.size() * TOKEN_KINDS.length, slot -> registry.counter(tokenFamily,
                "model", models.value(slot / TOKEN_KINDS.length), "kind", TOKEN_KINDS[slot % TOKEN_KINDS.length]));
        Family failoverFamily = registry.family("aqueduct_deployment_failovers_total", Family.Type.COUNTER,
                "Times a deployment failed to connect or answered 429 or 5xx and the next deployment was tried");
        this.failovers = new LazySeries<>(deployments.size(), slot -> registry.counter(failoverFamily,
                "deployment", deployments.value(slot)));
        Family limitFamily = registry.family("aqueduct_limit_refusals_total", Family.Type.COUNTER,
                "Requests refused because they would exceed a limit, by limit");
        this.limitRefusals = new LazySeries<>(LimitKind.values().length, slot -> registry.counter(limitFamily,
                "limit", LimitKind.values()[slot].label()));
    }

    /**
     * Metrics for a gateway relaying {@code endpointPaths}, with the configured model names and
     * deployment labels ({@code provider/upstream-model}) as the only label values besides
     * {@code unknown}; {@code usage} is read at every scrape.
     */
    public static GatewayMetrics create(List<String> endpointPaths, List<String> modelNames,
            List<String> deploymentLabels, Supplier<UsageStats> usage) {
        GatewayMetrics metrics = new GatewayMetrics(true, endpointPaths, modelNames, deploymentLabels);
        // Series that mean something at zero exist from the start; the rest appear with traffic.
        for (String deployment : deploymentLabels) {
            metrics.failovers.get(metrics.deployments.slot(deployment));
        }
        for (LimitKind kind : LimitKind.values()) {
            metrics.limitRefusals.get(kind.ordinal());
        }
        metrics.registerUsage(usage);
        JvmMetrics.register(metrics.registry);
        return metrics;
    }

    /** Metrics that record nothing, for a gateway configured without them. */
    public static GatewayMetrics disabled() {
        return new GatewayMetrics(false, List.of(), List.of(), List.of());
    }

    /** Whether these metrics record anything and {@code /metrics} answers. */
    public boolean enabled() {
        return enabled;
    }

    /** Records one request that went through the relay, from its usage event. */
    public void record(UsageEvent event) {
        if (!enabled) {
            return;
        }
        int endpoint = endpoints.slot(event.endpoint());
        int model = models.slot(event.model());
        int route = endpoint * models.size() + model;
        count(route, event.status());
        latency.get(route).observe(event.latencyMillis() / 1e3);
        Long firstTokenMillis = event.firstTokenMillis();
        if (firstTokenMillis != null) {
            firstToken.get(route).observe(firstTokenMillis / 1e3);
        }
        overhead.get(endpoint).observe(event.overheadMicros() / 1e6);
        if (!event.deployment().isEmpty()) {
            // The latency has millisecond resolution, the overhead microseconds: never below zero.
            long upstreamMicros = Math.max(0, event.latencyMillis() * 1000 - event.overheadMicros());
            upstream.get(deployments.slot(event.deployment())).observe(upstreamMicros / 1e6);
        }
        int tokenSlot = model * TOKEN_KINDS.length;
        tokens.get(tokenSlot).inc(event.inputTokens());
        tokens.get(tokenSlot + 1).inc(event.outputTokens());
        tokens.get(tokenSlot + 2).inc(event.cachedTokens());
    }

    /**
     * Records a request the gateway answered itself, before the relay: a refusal (401, 403, 404,
     * 405, 413 ...) or the model listing. The model was not read, so it counts as unknown.
     */
    public void recordAnswered(String path, int status) {
        if (!enabled) {
            return;
        }
        String endpoint = path.startsWith(MODELS_ENDPOINT + "/") ? MODELS_ENDPOINT : path;
        count(endpoints.slot(endpoint) * models.size() + models.slot(UNKNOWN), status);
    }

    /** Records that {@code deployment} ({@code provider/upstream-model}) was passed over for the next one. */
    public void recordFailover(String deployment) {
        if (enabled) {
            failovers.get(deployments.slot(deployment)).inc();
        }
    }

    /** Records a request refused because it would exceed a limit. */
    public void recordLimitRefusal(LimitKind limit) {
        if (enabled) {
            limitRefusals.get(limit.ordinal()).inc();
        }
    }

    /** Every series in the Prometheus text format, version 0.0.4. */
    String text() {
        return registry.text();
    }

    private void count(int route, int status) {
        int statusClass = Math.clamp(status / 100, 1, STATUS_CLASSES.length) - 1;
        requests.get(route * STATUS_CLASSES.length + statusClass).inc();
        if (status >= 400) {
            errors.get(route * ERROR_SLOTS + errorSlot(status)).inc();
        }
    }

    private static int errorSlot(int status) {
        for (int i = 0; i < ERROR_STATUSES.length; i++) {
            if (ERROR_STATUSES[i] == status) {
                return i;
            }
        }
        return status < 500 ? ERROR_STATUSES.length : ERROR_STATUSES.length + 1;
    }

    private static String errorLabel(int slot) {
        if (slot < ERROR_STATUSES.length) {
            return Integer.toString(ERROR_STATUSES[slot]);
        }
        return slot == ERROR_STATUSES.length ? "4xx" : "5xx";
    }

    /** Counters by endpoint, model and one more label with {@code perRoute} values. */
    private IntFunction<Counter> routeCounter(Family family, int perRoute, IntFunction<String> label) {
        return slot -> {
            int route = slot / perRoute;
            return registry.counter(family, "endpoint", endpoints.value(route / models.size()),
                    "model", models.value(route % models.size()), "status", label.apply(slot % perRoute));
        };
    }

    private IntFunction<BucketHistogram> routeHistogram(Family family, double[] bounds) {
        return route -> registry.histogram(family, bounds, "endpoint", endpoints.value(route / models.size()),
                "model", models.value(route % models.size()));
    }

    private void registerUsage(Supplier<UsageStats> usage) {
        gauge("aqueduct_usage_buffer_events", Family.Type.GAUGE,
                "Usage events in memory waiting to be stored or spooled", () -> usage.get().bufferDepth());
        gauge("aqueduct_usage_buffer_capacity_events", Family.Type.GAUGE,
                "The most usage events the in-memory buffer holds", () -> usage.get().bufferCapacity());
        gauge("aqueduct_usage_events_stored_total", Family.Type.COUNTER,
                "Usage events committed to the database, from memory or replayed", () -> usage.get().storedEvents());
        gauge("aqueduct_usage_events_spooled_total", Family.Type.COUNTER,
                "Usage events written to the spool files", () -> usage.get().spooledEvents());
        gauge("aqueduct_usage_events_replayed_total", Family.Type.COUNTER,
                "Usage events read back from the spool and stored", () -> usage.get().replayedEvents());
        gauge("aqueduct_usage_events_lost_total", Family.Type.COUNTER,
                "Usage events never stored: refused by a full buffer or lost at a stop",
                () -> usage.get().lostEvents());
        gauge("aqueduct_usage_write_failures_total", Family.Type.COUNTER,
                "Database transactions of usage events that failed", () -> usage.get().failedWrites());
        gauge("aqueduct_usage_spool_write_failures_total", Family.Type.COUNTER,
                "Appends to the spool that failed", () -> usage.get().failedSpoolWrites());
        gauge("aqueduct_usage_spool_bytes", Family.Type.GAUGE,
                "Bytes in the spool files waiting for replay", () -> usage.get().spoolBytes());
        doubleGauge("aqueduct_usage_flush_duration_seconds", "How long the last usage transaction took",
                () -> usage.get().lastFlushMicros() / 1_000_000.0);
        gauge("aqueduct_usage_database_up", Family.Type.GAUGE,
                "1 while usage writes succeed, 0 from a failed write until the next success",
                () -> usage.get().databaseAvailable() ? 1 : 0);
    }

    private void gauge(String name, Family.Type type, String help, LongSupplier reading) {
        registry.gauge(registry.family(name, type, help), reading::getAsLong);
    }

    private void doubleGauge(String name, String help, DoubleSupplier reading) {
        registry.gauge(registry.family(name, Family.Type.GAUGE, help), reading::getAsDouble);
    }
}
