/**
 * The upstream simulator: an OpenAI-compatible fake provider that tests and benchmarks share.
 *
 * <p>{@link dev.aqueduct.simulator.UpstreamSimulator} answers the OpenAI endpoints with
 * deterministic content and token counts, and scripts faults per request through a
 * {@code "simulator"} object in the request body.
 */
@NullMarked
package dev.aqueduct.simulator;

import org.jspecify.annotations.NullMarked;
