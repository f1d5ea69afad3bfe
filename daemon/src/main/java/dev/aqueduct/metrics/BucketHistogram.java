package dev.aqueduct.metrics;

import com.codahale.metrics.Metric;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram: observations counted into fixed buckets, plus their sum. Recording
 * takes no lock and allocates nothing, unlike a reservoir of samples, and bucket counts from
 * several gateways add up, which quantiles computed in each process do not.
 */
final class BucketHistogram implements Metric {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    /** A histogram with the given upper bucket bounds, ascending; the {@code +Inf} bucket is implied. */
    BucketHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        int bucket = 0;
        while (bucket < bounds.length && value > bounds[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sum.add(value);
    }

    /** The upper bounds, without {@code +Inf}. */
    double[] bounds() {
        return bounds.clone();
    }

    /**
     * The cumulative count of each bucket, {@code +Inf} last, read once: the last entry is the
     * number of observations.
     */
    long[] cumulativeCounts() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        return cumulative;
    }

    double sum() {
        return sum.sum();
    }
}
