package dev.aqueduct.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a registry in the Prometheus text exposition format, version 0.0.4: per family one
 * {@code # HELP} and one {@code # TYPE} line, then its samples. Registry names are series names
 * as {@link SeriesName} makes them; names without a known family are left out.
 */
final class PrometheusText {
    /** The {@code Content-Type} of the format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String write(MetricRegistry registry, Map<String, Family> families) {
        Map<String, List<Map.Entry<String, Metric>>> byFamily = new TreeMap<>();
        for (Map.Entry<String, Metric> entry : new TreeMap<>(registry.getMetrics()).entrySet()) {
            byFamily.computeIfAbsent(SeriesName.family(entry.getKey()), f -> new ArrayList<>()).add(entry);
        }
        StringBuilder out = new StringBuilder(8192);
        byFamily.forEach((name, series) -> {
            Family family = families.get(name);
            if (family != null) {
                writeFamily(family, series, out);
            }
        });
        return out.toString();
    }

    private static void writeFamily(Family family, List<Map.Entry<String, Metric>> series, StringBuilder out) {
        out.append("# HELP ").append(family.name()).append(' ');
        escapeHelp(family.help(), out);
        out.append("\n# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
        for (Map.Entry<String, Metric> entry : series) {
            String labels = SeriesName.labels(entry.getKey());
            switch (entry.getValue()) {
                case Counter counter -> sample(out, family.name(), labels, Long.toString(counter.getCount()));
                case Gauge<?> gauge -> gaugeSample(out, family.name(), labels, gauge.getValue());
                case BucketHistogram histogram -> histogram(out, family.name(), labels, histogram);
                default -> {
                    // Only the kinds above are ever registered.
                }
            }
        }
    }

    private static void gaugeSample(StringBuilder out, String name, String labels, Object value) {
        if (value instanceof Number number) {
            sample(out, name, labels, number(number));
        }
    }

    private static void histogram(StringBuilder out, String name, String labels, BucketHistogram histogram) {
        double[] bounds = histogram.bounds();
        long[] counts = histogram.cumulativeCounts();
        String prefix = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < counts.length; i++) {
            String le = i < bounds.length ? BigDecimal.valueOf(bounds[i]).stripTrailingZeros().toPlainString() : "+Inf";
            sample(out, name + "_bucket", prefix + "le=\"" + le + "\"", Long.toString(counts[i]));
        }
        sample(out, name + "_sum", labels, number(histogram.sum()));
        sample(out, name + "_count", labels, Long.toString(counts[counts.length - 1]));
    }

    private static void sample(StringBuilder out, String name, String labels, String value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String number(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "+Inf" : "-Inf";
            }
            return Double.toString(value);
        }
        return Long.toString(number.longValue());
    }

    private static void escapeHelp(String help, StringBuilder out) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
