package dev.aqueduct.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.jvm.CachedThreadStatesGaugeSet;
import com.codahale.metrics.jvm.ClassLoadingGaugeSet;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.JvmAttributeGaugeSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's memory, garbage collection, threads, classes and uptime, from Dropwizard's JVM
 * gauge sets, renamed to Prometheus families in base units (bytes, seconds).
 */
final class JvmMetrics {
    private static final String[] AREAS = {"heap", "non-heap"};
    private static final String[] THREAD_STATES = {"new", "runnable", "blocked", "waiting", "timed_waiting",
        "terminated"};

    private JvmMetrics() {
    }

    static void register(FamilyRegistry registry) {
        memory(registry);
        garbageCollection(registry);
        threads(registry);
        Map<String, Metric> classes = new ClassLoadingGaugeSet().getMetrics();
        registry.gauge(registry.family("aqueduct_jvm_classes_loaded_total", Family.Type.COUNTER,
                "Classes loaded since the JVM started"), number(classes.get("loaded")));
        registry.gauge(registry.family("aqueduct_jvm_classes_unloaded_total", Family.Type.COUNTER,
                "Classes unloaded since the JVM started"), number(classes.get("unloaded")));
        Gauge<Number> uptimeMillis = number(new JvmAttributeGaugeSet().getMetrics().get("uptime"));
        registry.gauge(registry.family("aqueduct_jvm_uptime_seconds", Family.Type.GAUGE,
                "Time since the JVM started"), seconds(uptimeMillis));
    }

    private static void memory(FamilyRegistry registry) {
        Map<String, Metric> memory = new MemoryUsageGaugeSet().getMetrics();
        Family used = registry.family("aqueduct_jvm_memory_used_bytes", Family.Type.GAUGE,
                "Memory in use, by area (heap, nonheap)");
        Family committed = registry.family("aqueduct_jvm_memory_committed_bytes", Family.Type.GAUGE,
                "Memory the operating system has committed to the JVM, by area (heap, nonheap)");
        Family max = registry.family("aqueduct_jvm_memory_max_bytes", Family.Type.GAUGE,
                "The most memory the JVM may use, by area (heap, nonheap); -1 when unbounded");
        for (String area : AREAS) {
            String label = area.replace("-", "");
            registry.gauge(used, number(memory.get(area + ".used")), "area", label);
            registry.gauge(committed, number(memory.get(area + ".committed")), "area", label);
            registry.gauge(max, number(memory.get(area + ".max")), "area", label);
        }
        Family pools = registry.family("aqueduct_jvm_memory_pool_used_bytes", Family.Type.GAUGE,
                "Memory in use, by memory pool");
        memory.forEach((name, metric) -> {
            if (name.startsWith("pools.") && name.endsWith(".used")) {
                String pool = name.substring("pools.".length(), name.length() - ".used".length());
                registry.gauge(pools, number(metric), "pool", pool);
            }
        });
    }

    private static void garbageCollection(FamilyRegistry registry) {
        Family collections = registry.family("aqueduct_jvm_gc_collections_total", Family.Type.COUNTER,
                "Garbage collections, by collector");
        Family time = registry.family("aqueduct_jvm_gc_collection_seconds_total", Family.Type.COUNTER,
                "Time spent in garbage collection, by collector");
        new GarbageCollectorMetricSet().getMetrics().forEach((name, metric) -> {
            if (name.endsWith(".count")) {
                registry.gauge(collections, number(metric), "gc", name.substring(0, name.length() - 6));
            } else if (name.endsWith(".time")) {
                registry.gauge(time, seconds(number(metric)), "gc", name.substring(0, name.length() - 5));
            }
        });
    }

    private static void threads(FamilyRegistry registry) {
        // A thread dump per scrape is cheap, but every state's gauge takes one: share one per second.
        Map<String, Metric> threads = new CachedThreadStatesGaugeSet(1, TimeUnit.SECONDS).getMetrics();
        registry.gauge(registry.family("aqueduct_jvm_threads", Family.Type.GAUGE,
                "Live platform threads; virtual threads are not counted"), number(threads.get("count")));
        registry.gauge(registry.family("aqueduct_jvm_threads_daemon", Family.Type.GAUGE,
                "Live platform daemon threads"), number(threads.get("daemon.count")));
        registry.gauge(registry.family("aqueduct_jvm_threads_peak", Family.Type.GAUGE,
                "The most live platform threads at once since the JVM started"), number(threads.get("peak.count")));
        registry.gauge(registry.family("aqueduct_jvm_threads_deadlocked", Family.Type.GAUGE,
                "Platform threads in a deadlock"), number(threads.get("deadlock.count")));
        Family states = registry.family("aqueduct_jvm_threads_state", Family.Type.GAUGE,
                "Live platform threads, by state");
        for (String state : THREAD_STATES) {
            registry.gauge(states, number(threads.get(state + ".count")), "state", state);
        }
    }

    private static Gauge<Number> number(Metric metric) {
        Gauge<?> gauge = (Gauge<?>) metric;
        return () -> gauge.getValue() instanceof Number n ? n : Double.NaN;
    }

    private static Gauge<Number> seconds(Gauge<Number> millis) {
        return () -> millis.getValue().doubleValue() / 1000.0;
    }
}
