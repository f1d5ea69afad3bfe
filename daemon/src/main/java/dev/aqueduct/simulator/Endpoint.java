package dev.aqueduct.simulator;

/** One route of the simulated API: turns a request into its answer, or throws {@link ApiError}. */
@FunctionalInterface
interface Endpoint {
    Reply answer(ApiRequest request);
}
