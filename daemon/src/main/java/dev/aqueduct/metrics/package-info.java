/**
 * Metrics: counters and histograms in a Dropwizard registry, filled from each request's usage
 * event and from the gateway's parts, and written in Prometheus text format on {@code /metrics}.
 */
@NullMarked
package dev.aqueduct.metrics;

import org.jspecify.annotations.NullMarked;
