package dev.aqueduct.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Dropwizard registry whose metrics belong to Prometheus families: each series is registered
 * under its Prometheus name with labels, and its family's type and help are kept beside it for
 * the exposition writer.
 */
final class FamilyRegistry {
    private final MetricRegistry registry = new MetricRegistry();
    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** Declares a family; series of it may be registered from now on. */
    Family family(String name, Family.Type type, String help) {
        Family family = new Family(name, type, help);
        families.put(name, family);
        return family;
    }

    /** The counter of {@code family} with the given alternating label names and values. */
    Counter counter(Family family, String... labels) {
        return registry.counter(SeriesName.of(family.name(), labels));
    }

    /** A series of {@code family} whose value is read from {@code gauge} at every scrape. */
    void gauge(Family family, Gauge<? extends Number> gauge, String... labels) {
        registry.register(SeriesName.of(family.name(), labels), gauge);
    }

    /** A histogram series of {@code family} with the given upper bucket bounds. */
    BucketHistogram histogram(Family family, double[] bounds, String... labels) {
        return registry.register(SeriesName.of(family.name(), labels), new BucketHistogram(bounds));
    }

    /** Every series, in the Prometheus text format. */
    String text() {
        return PrometheusText.write(registry, families);
    }
}
